package com.hcc.webhooks.platform.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * MicroProfile Health: ready when the application has started (it answers requests: {@link Started}), the
 * database answers (schema migrated) and the broker takes a session. Until the application has started, no
 * check touches the database or the broker (their beans may still be initialising). {@code ./hcc run}, the tests
 * and a load balancer wait for {@code /health/ready}, not for Payara's "ready" line.
 */
@ApplicationScoped
public class HealthChecks {

    // @Inject, not @EJB: MicroProfile Health creates this bean while deploying, and in an EAR the EJB module's
    // java:comp entries are not bound yet; Weld's proxy resolves the session beans at the first check.
    @Inject
    Database database;

    @Inject
    Broker broker;

    private volatile boolean started;

    void started() {
        started = true;
    }

    @Produces
    @Readiness
    HealthCheck application() {
        return () -> HealthCheckResponse.named("application").status(started).build();
    }

    @Produces
    @Readiness
    HealthCheck database() {
        return () -> started
                ? HealthCheckResponse.named("database").status(database.reachable(2))
                        .withData("schemaVersion", database.schemaVersion()).build()
                : HealthCheckResponse.named("database").down().withData("waiting", "application start").build();
    }

    @Produces
    @Readiness
    HealthCheck broker() {
        return () -> {
            if (!started) {
                return HealthCheckResponse.named("broker").down().withData("waiting", "application start").build();
            }
            Optional<String> why = broker.whyUnreachable();
            return why.isEmpty() ? HealthCheckResponse.up("broker")
                    : HealthCheckResponse.named("broker").down().withData("reason", why.get()).build();
        };
    }

    @Produces
    @Liveness
    HealthCheck alive() {
        return () -> HealthCheckResponse.up("process"); // not "application": /health lists both kinds together
    }
}
