package com.hcc.webhooks.delivery.boundary;

import com.hcc.webhooks.delivery.control.AddressPolicy;
import com.hcc.webhooks.delivery.control.HttpSender;
import com.hcc.webhooks.delivery.control.OAuthTokens;
import com.hcc.webhooks.delivery.control.RetrySchedule;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
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

    /** This instance's workers one webhook may use at once (see Workers). */
    @Inject
    @ConfigProperty(name = "hcc.delivery.max-concurrent-per-webhook", defaultValue = "8")
    int maxConcurrentPerWebhook;

    /** A webhook whose every attempt failed for this long is disabled (Svix's default is 5 days). */
    @Inject
    @ConfigProperty(name = "hcc.delivery.auto-disable-after", defaultValue = "5d")
    String autoDisableAfter;

    /**
     * How long a delivery is held for an earlier stage of its call that its endpoint subscribes to and that has not
     * arrived yet (Call Ended before Call Created): docs/delivery.md, "Ordered per call".
     */
    @Inject
    @ConfigProperty(name = "hcc.delivery.order-wait", defaultValue = "5s")
    String orderWait;

    /**
     * How long a stopping instance waits for its requests in flight to finish and be recorded before it interrupts
     * them (Workers.drain; docs/delivery.md, "Stopping").
     */
    @Inject
    @ConfigProperty(name = "hcc.delivery.stop-grace", defaultValue = "30s")
    String stopGrace;

    @Inject
    org.eclipse.microprofile.config.Config config;

    private AddressPolicy addressPolicy;
    private RetrySchedule schedule;
    private HttpSender sender;
    private OAuthTokens oauthTokens;
    private String instanceId;
    private Duration orderWaitDuration;
    private Duration stopGraceDuration;

    @PostConstruct
    void init() {
        schedule = RetrySchedule.parse(retrySchedule);
        orderWaitDuration = RetrySchedule.parseDuration(orderWait.trim().toLowerCase());
        stopGraceDuration = RetrySchedule.parseDuration(stopGrace.trim().toLowerCase());
        // an entry that is not a CIDR stops the start with its reason: a policy must never be half applied
        addressPolicy = AddressPolicy.system(config.getOptionalValue("hcc.delivery.allowed-networks", String.class)
                .orElse(""));
        sender = new HttpSender(Duration.ofMillis(connectTimeoutMs), addressPolicy);
        oauthTokens = new OAuthTokens(Duration.ofMillis(connectTimeoutMs), java.time.Clock.systemUTC(), addressPolicy);
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

    /** Where requests may go (docs/security.md, "Outbound address policy"). */
    public AddressPolicy addressPolicy() {
        return addressPolicy;
    }

    /**
     * Early feedback when a URL is saved: a target the policy would block answers 422 on its field. A host that
     * does not resolve now is accepted (it may later); sending checks again on every connection.
     */
    public void requireAllowed(String field, String url) {
        try {
            addressPolicy.check(java.net.URI.create(url));
        } catch (AddressPolicy.Blocked e) {
            throw com.hcc.webhooks.platform.control.ProblemException.invalid(List.of(
                    new com.hcc.webhooks.platform.control.ProblemException.FieldError(field, forCustomers(e))));
        } catch (java.io.IOException | IllegalArgumentException e) {
            // unresolvable or malformed: the URL check of the caller speaks for the latter
        }
    }

    /**
     * A blocked target in the words of the customer who typed it: what is wrong and what they can do, without the
     * server setting only the platform's operator can change (the delivery log keeps the operator's wording).
     */
    static String forCustomers(AddressPolicy.Blocked e) {
        String why = e.getMessage().replaceFirst("^blocked by address policy: ", "")
                .replace(" (allow a range with hcc.delivery.allowed-networks)", "");
        return "cannot be reached from HCC Webhooks: " + why + ". Use your API's public address, or ask the platform"
                + " operator to allow this network.";
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

    public Duration orderWait() {
        return orderWaitDuration;
    }

    public Duration stopGrace() {
        return stopGraceDuration;
    }

    public int pollBatch() {
        return pollBatch;
    }

    /** Who holds a lease: this JVM, unique across restarts. */
    public String instanceId() {
        return instanceId;
    }
}
