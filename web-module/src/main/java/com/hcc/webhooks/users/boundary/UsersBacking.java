package com.hcc.webhooks.users.boundary;

import com.hcc.webhooks.accounts.boundary.Accounts;
import com.hcc.webhooks.platform.boundary.Caller;
import com.hcc.webhooks.platform.boundary.Rendering;
import com.hcc.webhooks.platform.boundary.Forms;
import com.hcc.webhooks.platform.control.ProblemException;
import com.hcc.webhooks.users.entity.Role;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.primefaces.PrimeFaces;

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
        return Rendering.once(this, "users", () -> users.list());
    }

    public List<Accounts.AccountView> getAccounts() {
        return Rendering.once(this, "accounts", () -> accounts.list());
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

    // --- changing a user, renaming an account --------------------------------------------------------------

    private Long editUserId;
    private String editUsername;
    private Role editRole;
    private String editAccountId;
    private String editPassword;
    private String editAccount;
    private String editAccountName;

    public void editUser(Users.UserView u) {
        editUserId = u.id();
        editUsername = u.username();
        editRole = u.role();
        editAccountId = u.accountId();
        editPassword = null;
    }

    public void saveUser() {
        try {
            Users.UserView u = users.update(editUserId, new Users.UserChange(editRole,
                    editRole == Role.OPERATOR ? null : editAccountId, editPassword), caller.getName());
            editPassword = null;
            PrimeFaces.current().executeScript("PF('userEditDialog').hide()");
            Forms.info("User changed", u.username() + " (" + u.role().label()
                    + (u.accountId() == null ? "" : ", " + u.accountId()) + ")");
        } catch (ProblemException e) {
            Forms.show(e, "userEditForm");
        }
    }

    public void editAccount(Accounts.AccountView a) {
        editAccount = a.accountId();
        editAccountName = a.name();
    }

    public void saveAccount() {
        try {
            Accounts.AccountView a = accounts.rename(editAccount, new Accounts.AccountInput(editAccount, editAccountName));
            PrimeFaces.current().executeScript("PF('accountEditDialog').hide()");
            Forms.info("Account renamed", a.accountId() + " - " + a.name());
        } catch (ProblemException e) {
            Forms.show(e, "accountEditForm");
        }
    }

    public String getEditUsername() {
        return editUsername;
    }

    public Role getEditRole() {
        return editRole;
    }

    public void setEditRole(Role editRole) {
        this.editRole = editRole;
    }

    public String getEditAccountId() {
        return editAccountId;
    }

    public void setEditAccountId(String editAccountId) {
        this.editAccountId = editAccountId;
    }

    public String getEditPassword() {
        return editPassword;
    }

    public void setEditPassword(String editPassword) {
        this.editPassword = editPassword;
    }

    public String getEditAccount() {
        return editAccount;
    }

    public String getEditAccountName() {
        return editAccountName;
    }

    public void setEditAccountName(String editAccountName) {
        this.editAccountName = editAccountName;
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
