package com.hcc.webhooks.delivery.control;

import com.hcc.webhooks.platform.control.Jsons;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OAuth 2.0 client credentials (RFC 6749 4.4): a token per credential, fetched on first use, cached, and
 * fetched again shortly before it expires or when the receiver refuses it (401).
 */
public final class OAuthTokens {

    /** Fetch a new token this long before the old one expires. */
    static final Duration EARLY = Duration.ofSeconds(60);
    static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

    private record Token(String value, Instant refreshAt) {
    }

    /** The token endpoint refused or could not be reached; says which, never the secret. */
    public static final class TokenException extends IOException {
        private static final long serialVersionUID = 1L;
        private final boolean blocked;

        public TokenException(String message) {
            this(message, false);
        }

        TokenException(String message, boolean blocked) {
            super(message);
            this.blocked = blocked;
        }

        /** The token endpoint is refused by the address policy (not worth retrying). */
        public boolean blocked() {
            return blocked;
        }
    }

    private final HttpClient client;
    private final Clock clock;
    private final Map<String, Token> cache = new ConcurrentHashMap<>();

    private final AddressPolicy policy;

    public OAuthTokens(Duration timeout, Clock clock, AddressPolicy policy) {
        this.policy = policy;
        HttpSender.retryExpiredConnections();
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
        this.clock = clock;
    }

    public String token(OAuthSpec spec) throws TokenException, InterruptedException {
        Token t = cache.get(spec.cacheKey());
        if (t == null || !clock.instant().isBefore(t.refreshAt())) {
            t = fetch(spec);
            cache.put(spec.cacheKey(), t);
        }
        return t.value();
    }

    /** The receiver refused the token: the next {@link #token} fetches a new one. */
    public void invalidate(OAuthSpec spec) {
        cache.remove(spec.cacheKey());
    }

    private Token fetch(OAuthSpec spec) throws TokenException, InterruptedException {
        StringJoiner form = new StringJoiner("&");
        form.add("grant_type=client_credentials");
        form.add("client_id=" + encode(spec.clientId()));
        form.add("client_secret=" + encode(spec.clientSecret()));
        if (spec.scope() != null && !spec.scope().isBlank()) {
            form.add("scope=" + encode(spec.scope()));
        }
        if (spec.audience() != null && !spec.audience().isBlank()) {
            form.add("audience=" + encode(spec.audience()));
        }
        HttpResponse<String> r;
        try {
            policy.check(URI.create(spec.tokenUrl()));
        } catch (AddressPolicy.Blocked e) {
            throw new TokenException("token endpoint " + e.getMessage(), true);
        } catch (IOException | IllegalArgumentException e) {
            throw new TokenException("token endpoint " + spec.tokenUrl() + " unreachable: " + e.getMessage());
        }
        try {
            r = client.send(HttpRequest.newBuilder(URI.create(spec.tokenUrl())).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException | IllegalArgumentException e) {
            throw new TokenException("token endpoint " + spec.tokenUrl() + " unreachable: " + e.getMessage());
        }
        if (r.statusCode() / 100 != 2) {
            throw new TokenException("token endpoint answered " + r.statusCode());
        }
        JsonObject json;
        try (JsonReader reader = Jsons.createReader(r.body())) {
            json = reader.readObject();
        } catch (RuntimeException e) {
            throw new TokenException("token endpoint answered something that is not a JSON object");
        }
        if (!json.containsKey("access_token") || json.get("access_token").getValueType() != JsonValue.ValueType.STRING) {
            throw new TokenException("token endpoint's answer has no access_token");
        }
        Duration lifetime = json.get("expires_in") instanceof JsonNumber n ? Duration.ofSeconds(n.longValue())
                : DEFAULT_LIFETIME;
        Duration early = lifetime.compareTo(EARLY.multipliedBy(2)) > 0 ? EARLY : lifetime.dividedBy(2);
        return new Token(json.getString("access_token"), clock.instant().plus(lifetime).minus(early));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
