package com.hcc.webhooks.platform.boundary;

import com.hcc.webhooks.accounts.boundary.Accounts;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * Which account the portal shows: an operator chooses any account; everyone else sees only their own. Every
 * backing bean takes the account from here, so a page can never show another account's data.
 */
@Named
@SessionScoped
public class AccountSelection implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    transient Accounts accounts;

    @Inject
    Caller caller;

    private String accountId;

    public List<Accounts.AccountView> getAccounts() {
        return Rendering.once(this, "accounts",
                () -> accounts.list().stream().filter(a -> caller.canRead(a.accountId())).toList());
    }

    /** The shown account, always one the caller may read (null when there is none); checked once a rendering. */
    public String getAccountId() {
        return Rendering.once(this, "accountId", () -> {
            if (accountId == null || !caller.canRead(accountId) || accounts.find(accountId).isEmpty()) {
                accountId = getAccounts().stream().map(Accounts.AccountView::accountId).findFirst().orElse(null);
            }
            return accountId;
        });
    }

    public void setAccountId(String accountId) {
        if (accountId != null && caller.canRead(accountId)) {
            this.accountId = accountId;
        }
    }

    /** "12345678 - Acme": the shown account as the top bar names it (its full text on hover). */
    public String getAccountLabel() {
        return Rendering.once(this, "accountLabel", () -> {
            String id = getAccountId();
            return id == null ? "" : accounts.find(id).map(a -> a.getAccountId() + " - " + a.getName()).orElse(id);
        });
    }

    /** Whether the caller may change the shown account's configuration and resend. */
    public boolean isWritable() {
        return Rendering.once(this, "writable", () -> caller.canWrite(getAccountId()));
    }
}
