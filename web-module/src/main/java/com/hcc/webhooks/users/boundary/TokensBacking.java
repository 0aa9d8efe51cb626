package com.hcc.webhooks.users.boundary;

import com.hcc.webhooks.platform.boundary.AccountSelection;
import com.hcc.webhooks.platform.boundary.Rendering;
import com.hcc.webhooks.platform.boundary.Caller;
import com.hcc.webhooks.platform.boundary.Forms;
import com.hcc.webhooks.platform.control.ProblemException;
import com.hcc.webhooks.users.entity.TokenScope;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** Webhooks -> API Tokens: an account's tokens for scripts; a new token is shown once, then only its prefix. */
@Named
@ViewScoped
public class TokensBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    transient Tokens tokens;

    @Inject
    AccountSelection selection;

    @Inject
    Caller caller;

    private String name;
    private TokenScope scope = TokenScope.READ;
    /** Shown once after creation, then forgotten. */
    private String revealed;

    public List<Tokens.TokenView> getTokens() {
        return Rendering.once(this, "tokens", () ->
                selection.getAccountId() == null ? List.of() : tokens.list(selection.getAccountId()));
    }

    public TokenScope[] getScopes() {
        return TokenScope.values();
    }

    public void create() {
        if (!selection.isWritable()) {
            return;
        }
        try {
            Tokens.CreatedToken t = tokens.create(selection.getAccountId(), name, scope, caller.getName());
            revealed = t.secret();
            name = null;
        } catch (ProblemException e) {
            Forms.show(e, "tokenForm");
        }
    }

    public void revoke(Tokens.TokenView t) {
        if (!selection.isWritable()) {
            return;
        }
        tokens.revoke(selection.getAccountId(), t.id());
        Forms.info("Token revoked", t.name() + " (" + t.prefix() + "...) no longer works.");
    }

    public String takeRevealed() {
        String r = revealed;
        revealed = null;
        return r;
    }

    public boolean isRevealing() {
        return revealed != null;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public TokenScope getScope() {
        return scope;
    }

    public void setScope(TokenScope scope) {
        this.scope = scope;
    }
}
