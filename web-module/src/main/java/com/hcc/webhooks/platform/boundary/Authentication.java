package com.hcc.webhooks.platform.boundary;

import com.hcc.webhooks.users.boundary.Identity;
import com.hcc.webhooks.users.boundary.Tokens;
import com.hcc.webhooks.users.boundary.Users;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * How callers prove who they are (Jakarta Security), one mechanism for the whole application:
 * <ul>
 * <li>the API ({@code /api/*}): {@code Authorization: Bearer hcc_...} (an account's API token) or HTTP Basic
 * (a user); stateless, no session; refused with a 401 problem+json;</li>
 * <li>the portal: form sign-in on {@code /login.xhtml} (the page calls {@code SecurityContext.authenticate});
 * the session then carries the user, re-checked on every request; an unauthenticated page request is sent to
 * the sign-in page, and an ajax request after a session timeout is redirected there too.</li>
 * </ul>
 * Which requests need a caller, and which role, is declared in web.xml; scoping to an account is ApiAccess's
 * job for the API and the backing beans' for the portal.
 */
@ApplicationScoped
public class Authentication implements HttpAuthenticationMechanism {

    static final String SESSION_CALLER = "hcc.caller";
    /** The caller this mechanism just checked, for Caller: the same request need not look it up again. */
    static final String REQUEST_IDENTITY = Identity.class.getName();
    public static final String LOGIN_PAGE = "/login.xhtml";

    @EJB
    Users users;

    @EJB
    Tokens tokens;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        Credential credential = context.getAuthParameters().getCredential();
        if (credential instanceof UsernamePasswordCredential up) {
            // the sign-in page
            Optional<Identity> who = users.authenticate(up.getCaller(), up.getPasswordAsString());
            if (who.isEmpty()) {
                return AuthenticationStatus.SEND_FAILURE;
            }
            request.getSession(true);
            request.changeSessionId(); // no session fixation
            request.getSession().setAttribute(SESSION_CALLER, who.get().name());
            return notify(request, context, who.get());
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean api = path.startsWith("/api/");
        String header = request.getHeader("Authorization");
        if (api && header != null) {
            Optional<Identity> who = fromHeader(header);
            return who.isPresent() ? notify(request, context, who.get()) : unauthorized(response, context,
                    "the credentials are not valid (or the user is locked for a moment after repeated failures)");
        }
        HttpSession session = request.getSession(false);
        Object name = session == null ? null : session.getAttribute(SESSION_CALLER);
        if (name instanceof String user) {
            Optional<Identity> who = users.identity(user);
            if (who.isPresent()) {
                return notify(request, context, who.get());
            }
            session.invalidate(); // disabled or deleted since
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        if (api) {
            return unauthorized(response, context, "this API needs a user (HTTP Basic) or an API token (Bearer)");
        }
        return toLogin(request, response, context, path);
    }

    private Optional<Identity> fromHeader(String header) {
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return tokens.authenticate(header.substring(7).trim());
        }
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    return users.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1));
                }
            } catch (IllegalArgumentException e) {
                // not base64: not valid credentials
            }
        }
        return Optional.empty();
    }

    private static AuthenticationStatus notify(HttpServletRequest request, HttpMessageContext context, Identity who) {
        request.setAttribute(REQUEST_IDENTITY, who);
        return context.notifyContainerAboutLogin(who.name(), Set.of(who.role().name()));
    }

    private static AuthenticationStatus unauthorized(HttpServletResponse response, HttpMessageContext context,
                                                     String detail) {
        try {
            response.setStatus(401);
            response.setHeader("WWW-Authenticate", "Basic realm=\"HCC Webhooks\", charset=\"UTF-8\"");
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\""
                    + detail + "\"}");
        } catch (IOException e) {
            // the client went away
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    private static AuthenticationStatus toLogin(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context, String path) {
        String query = request.getQueryString();
        String next = path + (query == null ? "" : "?" + query);
        String target = request.getContextPath() + LOGIN_PAGE
                + ("/".equals(path) || path.isEmpty() ? "" : "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
        if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
            // an ajax request after the session expired: tell the page to go to the sign-in page
            try {
                response.setContentType("text/xml");
                response.setCharacterEncoding("UTF-8");
                response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                        + target.replace("&", "&amp;") + "\"/></partial-response>");
            } catch (IOException e) {
                // the client went away
            }
            return AuthenticationStatus.SEND_CONTINUE;
        }
        return context.redirect(target);
    }

    @Override
    public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(SESSION_CALLER);
        }
    }
}
