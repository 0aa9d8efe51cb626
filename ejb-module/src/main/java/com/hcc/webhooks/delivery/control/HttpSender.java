package com.hcc.webhooks.delivery.control;

import com.hcc.webhooks.delivery.entity.DeliveryAttempt;
import com.hcc.webhooks.delivery.entity.ErrorClass;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Sends one request, bounded in every direction: only to addresses the {@link AddressPolicy} allows, connect timeout, the webhook's total timeout, no redirects
 * (a 3xx is a failure the customer must fix, not something to follow), response body read up to 64 KiB.
 * Connections are pooled per target by the shared client. Synchronous on the calling worker thread: on
 * this stack that is several times faster than sendAsync (see docs/architecture.md).
 *
 * <p>A pooled connection the receiver has closed (its keep-alive timeout ran out, or it answered like HTTP/1.0
 * and closed) is found out only when the next request on it gets no byte back. The JDK client then sends that
 * request again on a new connection, but for POST only with {@code jdk.httpclient.enableAllMethodRetry}, which
 * this class turns on before the first client exists: without it, one delivery in a few hundred to such a
 * receiver failed with "header parser received no bytes" and waited for its retry. A webhook may arrive twice
 * by design (the receiver de-duplicates on webhook-id), and this is only done when no answer came back.
 */
public final class HttpSender {

    /** Read once by the JDK's HTTP client, when its first request is sent: set before any client exists. */
    static final String RETRY_EXPIRED_CONNECTIONS = "jdk.httpclient.enableAllMethodRetry";

    static {
        if (System.getProperty(RETRY_EXPIRED_CONNECTIONS) == null) {
            System.setProperty(RETRY_EXPIRED_CONNECTIONS, "true");
        }
    }

    /** For the other clients of the engine (OAuth tokens): loads this class, so the property is set first. */
    public static void retryExpiredConnections() {
        // the static initializer did it
    }

    private final HttpClient client;
    private final AddressPolicy policy;

    public HttpSender(Duration connectTimeout, AddressPolicy policy) {
        this.policy = policy;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
    }

    public AttemptResult send(OutboundRequest request) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        try {
            // the addresses the client is about to connect to, from the JVM's name cache it connects through
            policy.check(request.uri());
            HttpRequest.Builder b = HttpRequest.newBuilder(request.uri()).timeout(request.timeout());
            request.headers().forEach(b::header);
            if ("GET".equals(request.method())) {
                b.GET();
            } else {
                b.method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
            }
            HttpResponse<InputStream> response = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(DeliveryAttempt.MAX_RESPONSE_BODY_CHARS), StandardCharsets.UTF_8);
            }
            return AttemptResult.response(started, millisSince(t0), response.statusCode(), response.headers().map(),
                    body, retryAfter(response));
        } catch (AddressPolicy.Blocked e) {
            return AttemptResult.error(started, millisSince(t0), ErrorClass.BLOCKED, e.getMessage());
        } catch (HttpConnectTimeoutException e) {
            return AttemptResult.error(started, millisSince(t0), ErrorClass.TIMEOUT, "connect timed out");
        } catch (HttpTimeoutException e) {
            return AttemptResult.error(started, millisSince(t0), ErrorClass.TIMEOUT,
                    "no response within " + request.timeout().toSeconds() + " s");
        } catch (ConnectException e) {
            return AttemptResult.error(started, millisSince(t0), ErrorClass.CONNECTION,
                    "connection refused or unreachable");
        } catch (SSLException e) {
            return AttemptResult.error(started, millisSince(t0), ErrorClass.TLS, "TLS handshake failed: " + e.getMessage());
        } catch (IOException e) {
            if (causedBy(e, UnknownHostException.class)) {
                return AttemptResult.error(started, millisSince(t0), ErrorClass.DNS,
                        "host not found: " + request.uri().getHost());
            }
            if (causedBy(e, ConnectException.class)) {
                return AttemptResult.error(started, millisSince(t0), ErrorClass.CONNECTION,
                        "connection refused or unreachable");
            }
            return AttemptResult.error(started, millisSince(t0), ErrorClass.IO, String.valueOf(e.getMessage()));
        } catch (IllegalArgumentException e) {
            return AttemptResult.error(started, millisSince(t0), ErrorClass.CONFIGURATION, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return AttemptResult.error(started, millisSince(t0), ErrorClass.IO, "interrupted (server stopping)");
        }
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** Retry-After on 429/503: delta-seconds or an HTTP date. */
    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        int s = response.statusCode();
        if (s != 429 && s != 503) {
            return Optional.empty();
        }
        return response.headers().firstValue("Retry-After").flatMap(v -> parseRetryAfter(v, Instant.now()));
    }

    static Optional<Duration> parseRetryAfter(String value, Instant now) {
        String v = value.trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }
}
