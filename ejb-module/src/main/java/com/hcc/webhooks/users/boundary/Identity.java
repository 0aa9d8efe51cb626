package com.hcc.webhooks.users.boundary;

import com.hcc.webhooks.users.entity.Role;
import java.io.Serializable;

/**
 * Who is calling, as every page and API call checks it: the role, the account it is bound to (null for an
 * operator, who sees every account), and whether it may change things.
 *
 * @param name the principal name: the user name, or {@code token:<id>} for an API token
 */
public record Identity(String name, Role role, String accountId) implements Serializable {

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
