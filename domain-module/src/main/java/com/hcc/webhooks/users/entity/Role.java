package com.hcc.webhooks.users.entity;

/** Who may do what (docs/security.md). The names are the security roles of the web module. */
public enum Role {
    /** Runs the platform: manages accounts and users, sees every account. */
    OPERATOR("Platform operator"),
    /** Configures one account's credentials and webhooks, resends, creates API tokens. */
    ACCOUNT_ADMIN("Account admin"),
    /** Reads one account's logs and overview. */
    ACCOUNT_VIEWER("Account viewer");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
