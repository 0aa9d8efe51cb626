package com.hcc.webhooks.users.boundary;

import com.hcc.webhooks.users.entity.Role;
import java.io.Serializable;

/**
 * Who is calling, as every page and API call checks it: the role, the account it is bound to (null for an
 * operator, who sees every account), and whether it may change things.
 *
 * @param name     the principal name: the user name, or {@code token:<id>} for an API token
 * @param timeZone the portal's time zone of a user (IANA id), null for UTC (and for tokens)
 */
public record Identity(String name, Role role, String accountId, String timeZone) implements Serializable {

    /** The zone the portal shows this caller's times in: theirs, or UTC. */
    public java.time.ZoneId zone() {
        try {
            return timeZone == null ? java.time.ZoneOffset.UTC : java.time.ZoneId.of(timeZone);
        } catch (java.time.DateTimeException e) {
            return java.time.ZoneOffset.UTC; // a zone id this JVM no longer knows
        }
    }

    public boolean operator() {
        return role == Role.OPERATOR;
    }

    /** Whether this caller may see the account's data. */
    public boolean canRead(String account) {
        return operator() || (accountId != null && accountId.equals(account));
    }

    /** Whether this caller may change the account's data. */
    public boolean canWrite(String account) {
        return canRead(account) && role != Role.ACCOUNT_VIEWER;
    }

    public boolean token() {
        return name.startsWith(Tokens.PRINCIPAL_PREFIX);
    }
}
