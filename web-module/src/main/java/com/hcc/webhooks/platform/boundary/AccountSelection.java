package com.hcc.webhooks.platform.boundary;

import com.hcc.webhooks.accounts.boundary.Accounts;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** Which account the portal shows (the administrator sees every account; a user will see their own). */
@Named
@SessionScoped
public class AccountSelection implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    transient Accounts accounts;

    private String accountId;

    public List<Accounts.AccountView> getAccounts() {
        return accounts.list();
    }

    public String getAccountId() {
        if (accountId == null || accounts.find(accountId).isEmpty()) {
            accountId = accounts.list().stream().map(Accounts.AccountView::accountId).findFirst().orElse(null);
        }
        return accountId;
    }

    public void setAccountId(String accountId) {
        this.accountId = accountId;
    }
}
