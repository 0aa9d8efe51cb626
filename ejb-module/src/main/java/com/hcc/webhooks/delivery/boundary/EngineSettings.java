package com.hcc.webhooks.delivery.boundary;

import com.hcc.webhooks.delivery.control.HttpSender;
import com.hcc.webhooks.delivery.control.OAuthTokens;
import com.hcc.webhooks.delivery.control.RetrySchedule;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The delivery engine's configuration (docs/configuration.md) and the objects built from it once. */
@ApplicationScoped
public class EngineSettings {

    @Inject
    @ConfigProperty(name = "hcc.delivery.retry-schedule", defaultValue = RetrySchedule.DEFAULT)
    String retrySchedule;

    @Inject
    @ConfigProperty(name = "hcc.delivery.connect-timeout-ms", defaultValue = "5000")
    long connectTimeoutMs;

    /** How long a worker owns a delivery; longer than the largest webhook timeout (30 s). */
    @Inject
    @ConfigProperty(name = "hcc.delivery.lease-seconds", defaultValue = "90")
    long leaseSeconds;

    @Inject
    @ConfigProperty(name = "hcc.delivery.poll-batch", defaultValue = "500")
    int pollBatch;

    /** This instance's workers one webhook may use at once (see DeliveryWorker). */
    @Inject
    @ConfigProperty(name = "hcc.delivery.max-concurrent-per-webhook", defaultValue = "8")
    int maxConcurrentPerWebhook;

    /** A webhook whose every attempt failed for this long is disabled (Svix's default is 5 days). */
    @Inject
    @ConfigProperty(name = "hcc.delivery.auto-disable-after", defaultValue = "5d")
    String autoDisableAfter;

    private RetrySchedule schedule;
    private HttpSender sender;
    private OAuthTokens oauthTokens;
    private String instanceId;

    @PostConstruct
    void init() {
        schedule = RetrySchedule.parse(retrySchedule);
        sender = new HttpSender(Duration.ofMillis(connectTimeoutMs));
        oauthTokens = new OAuthTokens(Duration.ofMillis(connectTimeoutMs), java.time.Clock.systemUTC());
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "host";
        }
        String id = host + "-" + UUID.randomUUID().toString().substring(0, 8);
        instanceId = id.length() > 64 ? id.substring(id.length() - 64) : id;
    }

    public RetrySchedule schedule() {
        return schedule;
    }

    public HttpSender sender() {
        return sender;
    }

    public OAuthTokens oauthTokens() {
        return oauthTokens;
    }

    public Duration lease() {
        return Duration.ofSeconds(leaseSeconds);
    }

    public int maxConcurrentPerWebhook() {
        return maxConcurrentPerWebhook;
    }

    public Duration autoDisableAfter() {
        return RetrySchedule.parseDuration(autoDisableAfter.trim().toLowerCase());
    }

    public int pollBatch() {
        return pollBatch;
    }

    /** Who holds a lease: this JVM, unique across restarts. */
    public String instanceId() {
        return instanceId;
    }
}
