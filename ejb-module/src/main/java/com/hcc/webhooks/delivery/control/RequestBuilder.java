package com.hcc.webhooks.delivery.control;

import com.hcc.webhooks.credentials.entity.HeaderLocation;
import com.hcc.webhooks.platform.control.SecretMask;
import com.hcc.webhooks.webhooks.entity.RequestMethod;
import com.hcc.webhooks.platform.control.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Builds the exact HTTP request for one attempt: the payload as received (plus the API key field when the
 * credential says Body), the credential's header, the Standard Webhooks headers, and a masked copy of the
 * headers for the log. Pure: no I/O, no container.
 */
public final class RequestBuilder {

    public static final String USER_AGENT = "HCC-Webhooks/1.0";

    private RequestBuilder() {
    }

    /**
     * @throws IllegalArgumentException when the target URL or the credential cannot make a valid request
     */
    public static OutboundRequest build(String messageId, RequestMethod method, String targetUrl, String payload,
                                        Duration timeout, CredentialSpec credential, List<String> signingSecrets,
                                        Instant now) {
        String body = payload;
        String maskedBody = null;
        OAuthSpec oauth = null;
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, String> masked = new LinkedHashMap<>();
        if (credential != null) {
            switch (credential.type()) {
                case BASIC -> {
                    String token = Base64.getEncoder().encodeToString(
                            (nullToEmpty(credential.clientId()) + ":" + credential.secret())
                                    .getBytes(StandardCharsets.UTF_8));
                    put(headers, masked, credential.keyName(), "Basic " + token, true);
                }
                case API_KEY -> {
                    if (credential.location() == HeaderLocation.BODY) {
                        body = withField(body, credential.keyName(), credential.secret());
                        maskedBody = withField(payload, credential.keyName(), SecretMask.mask(credential.secret()));
                    } else {
                        put(headers, masked, credential.keyName(), credential.secret(), true);
                    }
                }
                case OAUTH2 -> {
                    oauth = new OAuthSpec(credential.cacheKey(), credential.tokenUrl(), credential.clientId(),
                            credential.secret(), credential.scope(), credential.audience(), credential.keyName());
                    // the token is added when the request is sent (OutboundRequest.withBearer); logged masked
                    masked.put(credential.keyName(), "Bearer " + SecretMask.MASK);
                }
            }
        }
        URI uri = parseTarget(targetUrl);
        byte[] bytes;
        if (method.hasBody()) {
            bytes = body.getBytes(StandardCharsets.UTF_8);
            put(headers, masked, "Content-Type", "application/json", false);
        } else {
            uri = withQuery(uri, body);
            bytes = new byte[0];
        }
        long timestamp = now.getEpochSecond();
        put(headers, masked, "User-Agent", USER_AGENT, false);
        put(headers, masked, "webhook-id", messageId, false);
        put(headers, masked, "webhook-timestamp", Long.toString(timestamp), false);
        if (!signingSecrets.isEmpty()) {
            put(headers, masked, "webhook-signature", Signer.signature(signingSecrets, messageId, timestamp, bytes),
                    false);
        }
        return new OutboundRequest(messageId, method.name(), uri, Map.copyOf(headers), masked, maskedBody, bytes,
                timeout, oauth);
    }

    private static void put(Map<String, String> headers, Map<String, String> masked, String name, String value,
                            boolean secret) {
        if (headers.keySet().stream().anyMatch(name::equalsIgnoreCase)) {
            throw new IllegalArgumentException("header " + name + " would be sent twice");
        }
        headers.put(name, value);
        masked.put(name, secret ? SecretMask.maskHeaderValue(value) : value);
    }

    /** Whether a URL can be a target (or a token endpoint): what saving checks, as sending will. */
    /** Why a URL with a user name or password in it is refused when it is saved. */
    public static final String USER_INFO_REFUSED = "must not contain a user name or password (user:password@):"
            + " it would be shown wherever the URL is; store credentials in Access Setup";

    /**
     * Whether a URL carries user information ({@code https://user:pw@host/}): refused on save, because a URL is
     * shown in the portal, the logs and CSV exports, where a password must never appear.
     */
    public static boolean hasUserInfo(String url) {
        try {
            return URI.create(url).getRawUserInfo() != null;
        } catch (IllegalArgumentException e) {
            return false; // not a URL at all: refused as such
        }
    }

    public static boolean isAbsoluteHttp(String url) {
        try {
            parseTarget(url);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static URI parseTarget(String targetUrl) {
        URI uri;
        try {
            uri = URI.create(targetUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("target URL is not a valid URL");
        }
        String scheme = uri.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || uri.getHost() == null) {
            throw new IllegalArgumentException("target URL must be an absolute http or https URL");
        }
        return uri;
    }

    /** Adds a top-level string field to a JSON object text, leaving every other byte as it was. */
    static String withField(String jsonObject, String name, String value) {
        int close = jsonObject.lastIndexOf('}');
        int open = jsonObject.indexOf('{');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("payload is not a JSON object");
        }
        boolean empty = jsonObject.substring(open + 1, close).isBlank();
        return jsonObject.substring(0, close) + (empty ? "" : ",") + quote(name) + ":" + quote(value)
                + jsonObject.substring(close);
    }

    /** GET sends the payload's top-level fields as query parameters (null as an empty value). */
    static URI withQuery(URI target, String jsonObject) {
        JsonObject object;
        try (JsonReader reader = Jsons.createReader(jsonObject)) {
            object = reader.readObject();
        }
        StringJoiner query = new StringJoiner("&");
        for (Map.Entry<String, JsonValue> e : object.entrySet()) {
            JsonValue v = e.getValue();
            String text = switch (v.getValueType()) {
                case STRING -> ((JsonString) v).getString();
                case NULL -> "";
                default -> v.toString();
            };
            query.add(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(text, StandardCharsets.UTF_8));
        }
        String existing = target.getRawQuery();
        String joined = existing == null || existing.isEmpty() ? query.toString() : existing + "&" + query;
        String s = target.toString();
        int cut = s.indexOf('?') >= 0 ? s.indexOf('?') : (s.indexOf('#') >= 0 ? s.indexOf('#') : s.length());
        return URI.create(s.substring(0, cut) + (joined.isEmpty() ? "" : "?" + joined));
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
