package com.hcc.webhooks.platform.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServlet;

/**
 * Marks the application started: the web container initialises this servlet last (web.xml, load-on-startup
 * 1000, after the Faces servlet and after the EJB module's startup beans), when the application answers
 * requests. Until then readiness is DOWN: Payara registers the health checks while it is still deploying, and a
 * check that passed then let a load balancer send requests that were answered 404 and 500 (docs/operations.md,
 * "Health").
 */
public class Started extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient HealthChecks health;

    @Override
    public void init() {
        health.started();
    }
}
