package com.hcc.webhooks.users.boundary;

import com.hcc.webhooks.accounts.boundary.Accounts;
import com.hcc.webhooks.platform.boundary.Caller;
import com.hcc.webhooks.platform.boundary.Forms;
import com.hcc.webhooks.platform.control.ProblemException;
import com.hcc.webhooks.users.entity.Role;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** Platform -> Accounts and Users (operators only: web.xml): create accounts, create and disable users. */
@Named
@ViewScoped
public class UsersBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    transient Users users;

    @EJB
    transient Accounts accounts;

    @Inject
    Caller caller;

    private String newAccountId;
    private String newAccountName;
    private String username;
    private String password;
    private Role role = Role.ACCOUNT_VIEWER;
    private String accountId;

    public List<Users.UserView> getUsers() {
        return users.list();
    }

    public List<Accounts.AccountView> getAccounts() {
        return accounts.list();
    }

    public Role[] getRoles() {
        return Role.values();
    }

    public void createAccount() {
        try {
            accounts.create(new Accounts.AccountInput(newAccountId, newAccountName));
            Forms.info("Account created", newAccountId);
            newAccountId = null;
            newAccountName = null;
        } catch (ProblemException e) {
            Forms.show(e, "newAccountForm");
        }
    }

    public void createUser() {
        try {
            Users.UserView u = users.create(new Users.UserInput(username, password, role, role == Role.OPERATOR ? null : accountId));
            Forms.info("User created", u.username() + " (" + u.role().label() + ")");
            username = null;
            password = null;
        } catch (ProblemException e) {
            Forms.show(e, "userDialogForm");
        }
    }

    public void toggle(Users.UserView u) {
        try {
            users.setEnabled(u.id(), !u.enabled(), caller.getName());
        } catch (ProblemException e) {
            Forms.show(e, "users");
        }
    }

    public String getNewAccountId() {
        return newAccountId;
    }

    public void setNewAccountId(String newAccountId) {
        this.newAccountId = newAccountId;
    }

    public String getNewAccountName() {
        return newAccountName;
    }

    public void setNewAccountName(String newAccountName) {
        this.newAccountName = newAccountName;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public Role getRole() {
        return role;
    }

    public void setRole(Role role) {
        this.role = role;
    }

    public String getAccountId() {
        return accountId;
    }

    public void setAccountId(String accountId) {
        this.accountId = accountId;
    }
}
