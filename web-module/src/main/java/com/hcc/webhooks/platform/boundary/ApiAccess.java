package com.hcc.webhooks.platform.boundary;

import com.hcc.webhooks.users.boundary.Identity;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Set;

/**
 * Every API call is scoped here, before any resource runs, so that a new endpoint is scoped by construction:
 * <ul>
 * <li>a path with {@code {accountId}}: the caller must belong to that account (operators: any); otherwise 404,
 * exactly as for an account that does not exist, so ids guessed from another account reveal nothing;</li>
 * <li>any method but GET/HEAD/OPTIONS needs write access (account admin, write token, operator): else 403;</li>
 * <li>a path without an account is for operators only, except the few listed in {@link #ACCOUNTLESS}, which
 * scope themselves (the account list shows a user only their own; events are filed under the caller's account).</li>
 * </ul>
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class ApiAccess implements ContainerRequestFilter {

    /** Paths (templates) without an account that non-operators may call; the resource scopes them. */
    static final Set<String> ACCOUNTLESS = Set.of("GET v1/accounts", "POST v1/events/{event}");
    /** Paths with an account that only operators may call: the platform's part of an account. */
    static final Set<String> OPERATORS_ONLY = Set.of("PUT v1/accounts/{accountId}");
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    Caller caller;

    @jakarta.ws.rs.core.Context
    jakarta.ws.rs.container.ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Identity who = caller.identity();
        if (who == null) {
            request.abortWith(Problems.of(401, "Unauthorized", "sign in: HTTP Basic or an API token", List.of()));
            return;
        }
        UriInfo uri = request.getUriInfo();
        String account = uri.getPathParameters().getFirst("accountId");
        boolean write = !READS.contains(request.getMethod());
        if (account != null) {
            if (!who.canRead(account)) {
                request.abortWith(Problems.of(404, "Not found", "account " + account + " was not found", List.of()));
            } else if (!who.operator() && OPERATORS_ONLY.contains(request.getMethod() + " " + template())) {
                request.abortWith(Problems.of(403, "Forbidden", "only a platform operator may do this", List.of()));
            } else if (write && !who.canWrite(account)) {
                request.abortWith(forbidden(who));
            }
            return;
        }
        if (who.operator()) {
            return;
        }
        if (!ACCOUNTLESS.contains(request.getMethod() + " " + template())) {
            request.abortWith(Problems.of(403, "Forbidden", "only a platform operator may do this", List.of()));
        } else if (write && who.role() == com.hcc.webhooks.users.entity.Role.ACCOUNT_VIEWER) {
            request.abortWith(forbidden(who));
        }
    }

    private static jakarta.ws.rs.core.Response forbidden(Identity who) {
        return Problems.of(403, "Forbidden", (who.token() ? "this token has the read scope" : "a viewer may only read")
                + ": changes need an account admin or a write token", List.of());
    }

    /** The matched resource method's path template, e.g. {@code v1/events/{event}}. */
    private String template() {
        jakarta.ws.rs.Path type = resource.getResourceClass().getAnnotation(jakarta.ws.rs.Path.class);
        jakarta.ws.rs.Path method = resource.getResourceMethod().getAnnotation(jakarta.ws.rs.Path.class);
        String t = (type == null ? "" : type.value()) + (method == null ? "" : "/" + method.value());
        return t.replaceAll("/+", "/").replaceAll("^/|/$", "");
    }
}
