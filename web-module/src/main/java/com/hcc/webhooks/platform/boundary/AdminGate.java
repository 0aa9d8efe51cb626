package com.hcc.webhooks.platform.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Until users and roles exist (see docs/security.md), the API and the portal answer only the bootstrap
 * administrator, by HTTP Basic ({@code admin} and HCC_ADMIN_PASSWORD). Static PrimeFaces resources are public,
 * and so are Payara's health, metrics and OpenAPI endpoints, which it serves through the root application.
 */
@WebFilter(urlPatterns = "/*")
public class AdminGate extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    AdminPassword adminPassword;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (isPublic(path) || accepted(request)) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(401);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("WWW-Authenticate", "Basic realm=\"HCC Webhooks\", charset=\"UTF-8\"");
        if (path.startsWith("/api/")) {
            response.setContentType("application/problem+json");
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                    + "\"detail\":\"this API needs HTTP Basic credentials of the administrator\"}");
        } else {
            response.setContentType("text/plain");
            response.getWriter().write("Sign in as admin with the password set in HCC_ADMIN_PASSWORD.");
        }
    }

    static boolean isPublic(String path) {
        return path.startsWith("/jakarta.faces.resource/") || path.startsWith("/resources/")
                || path.equals("/health") || path.startsWith("/health/") || path.equals("/metrics")
                || path.startsWith("/metrics/") || path.equals("/openapi") || path.equals("/error.html");
    }

    private boolean accepted(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon > 0 && adminPassword.matches(decoded.substring(0, colon), decoded.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
