package com.hcc.webhooks.platform.boundary;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The session cookie is HttpOnly and Secure (sent over HTTPS only; browsers also accept it from http://localhost and
 * 127.0.0.1) unless {@code hcc.portal.secure-cookie=false}, for a plain-HTTP trial on another host name.
 * SameSite=Lax is set on Payara's HTTP listener by the launch scripts (Payara does not apply the Servlet API's
 * cookie attributes): the cookie goes with a link from another site, never with its forms or scripts.
 */
@WebListener
public class PortalCookie implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        boolean secure = ConfigProvider.getConfig().getOptionalValue("hcc.portal.secure-cookie", Boolean.class)
                .orElse(true);
        jakarta.servlet.SessionCookieConfig cookie = event.getServletContext().getSessionCookieConfig();
        cookie.setSecure(secure);
        cookie.setHttpOnly(true);
    }
}
