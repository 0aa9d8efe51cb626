package com.hcc.webhooks.delivery.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * A clean stop of the delivery engine when the application stops (SIGTERM, undeploy, a server stop): the engine
 * takes no more work, hands back what it had not started and lets its requests in flight finish and be recorded
 * ({@link Workers#drain}; docs/delivery.md, "Stopping").
 * <p>
 * Here rather than in a {@code @PreDestroy}: measured on Payara Micro on SIGTERM, the web module is stopped first
 * (0.1-0.3 s after the signal), while the session beans, the data source and the workers all still work; the
 * singletons' {@code @PreDestroy} (a {@code @Startup} one with {@code @DependsOn("Database")} too) ran only after
 * the data source was gone, and the CDI beans' {@code @PreDestroy} after the EJB container had stopped
 * (docs/architecture.md, "A clean stop").
 */
@WebListener
public class DeliveryStop implements ServletContextListener {

    @Inject
    Workers workers;

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        workers.drain();
    }
}
