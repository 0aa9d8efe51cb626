package com.hcc.webhooks.platform.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * MicroProfile Health: ready when the database answers (schema migrated) and the broker takes a session.
 * {@code ./hcc run} and the tests wait for {@code /health/ready}, not for Payara's "ready" line.
 */
@ApplicationScoped
public class HealthChecks {

    // @Inject, not @EJB: MicroProfile Health creates this bean while deploying, and in an EAR the EJB module's
    // java:comp entries are not bound yet; Weld's proxy resolves the session beans at the first check.
    @Inject
    Database database;

    @Inject
    Broker broker;

    @Produces
    @Readiness
    HealthCheck database() {
        return () -> HealthCheckResponse.named("database")
                .status(database.reachable(2))
                .withData("schemaVersion", database.schemaVersion())
                .build();
    }

    @Produces
    @Readiness
    HealthCheck broker() {
        return () -> HealthCheckResponse.named("broker").status(broker.reachable()).build();
    }

    @Produces
    @Liveness
    HealthCheck alive() {
        return () -> HealthCheckResponse.up("application");
    }
}
