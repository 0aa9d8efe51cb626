package com.hcc.webhooks.credentials.entity;

/** Where an API key travels: as a request header or as a top-level field of the JSON body. */
public enum HeaderLocation {
    HEADER, BODY
}
