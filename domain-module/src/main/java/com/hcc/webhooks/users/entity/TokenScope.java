package com.hcc.webhooks.users.entity;

/** What an API token may do in its account: read (like a viewer) or write (like an account admin). */
public enum TokenScope {
    READ, WRITE
}
