package com.hcc.webhooks.platform.boundary;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The session cookie is Secure (sent over HTTPS only; browsers also accept it from http://localhost and
 * 127.0.0.1) unless {@code hcc.portal.secure-cookie=false}, for a plain-HTTP trial on another host name.
 */
@WebListener
public class PortalCookie implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        boolean secure = ConfigProvider.getConfig().getOptionalValue("hcc.portal.secure-cookie", Boolean.class)
                .orElse(true);
        event.getServletContext().getSessionCookieConfig().setSecure(secure);
    }
}
