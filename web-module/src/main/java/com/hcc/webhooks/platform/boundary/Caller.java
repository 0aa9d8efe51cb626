package com.hcc.webhooks.platform.boundary;

import com.hcc.webhooks.users.boundary.Identity;
import com.hcc.webhooks.users.boundary.Tokens;
import com.hcc.webhooks.users.boundary.Users;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.security.Principal;

/**
 * The identity of the current request's caller (user or API token), as the sign-in mechanism checked it for
 * this request (so a user disabled or a token revoked loses access on their next request), or looked up by the
 * principal when the mechanism did not run. Pages use it as {@code #{caller}}.
 */
@Named
@RequestScoped
public class Caller {

    @Inject
    SecurityContext security;

    @Inject
    jakarta.servlet.http.HttpServletRequest request;

    @EJB
    Users users;

    @EJB
    Tokens tokens;

    private Identity identity;
    private boolean looked;

    /** @return the caller, or null when the request is not authenticated */
    public Identity identity() {
        if (!looked) {
            looked = true;
            Principal p = security.getCallerPrincipal();
            Object checked = request.getAttribute(Authentication.REQUEST_IDENTITY);
            if (p != null && checked instanceof Identity i && i.name().equals(p.getName())) {
                identity = i;
            } else if (p != null) {
                identity = p.getName().startsWith(Tokens.PRINCIPAL_PREFIX) ? tokens.identity(p.getName()).orElse(null)
                        : users.identity(p.getName()).orElse(null);
            }
        }
        return identity;
    }

    public boolean isOperator() {
        return identity() != null && identity().operator();
    }

    public boolean canWrite(String accountId) {
        return identity() != null && accountId != null && identity().canWrite(accountId);
    }

    public boolean canRead(String accountId) {
        return identity() != null && accountId != null && identity().canRead(accountId);
    }

    public String getName() {
        return identity() == null ? null : identity().name();
    }

    public String getRoleLabel() {
        return identity() == null ? "" : identity().role().label();
    }
}
