package com.hcc.webhooks.delivery.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hcc.webhooks.credentials.entity.AuthType;
import com.hcc.webhooks.credentials.entity.HeaderLocation;
import com.hcc.webhooks.webhooks.entity.RequestMethod;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestBuilderTest {

    static final String PAYLOAD = "{\n  \"call_id\": 11142,\n  \"dnis\": \"\",\n  \"callback_time\": null,\n  \"account_id\": \"12345678\"\n}";
    static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);

    private static OutboundRequest build(RequestMethod method, CredentialSpec credential) {
        return RequestBuilder.build("msg_1", method, "https://crm.example.com/hook?x=1", PAYLOAD,
                Duration.ofSeconds(15), credential, List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), NOW);
    }

    @Test
    void basicAuthUsesTheConfiguredHeaderName() {
        OutboundRequest r = build(RequestMethod.POST,
                new CredentialSpec(AuthType.BASIC, "Authorization", "user", "password123", null));
        String expected = "Basic " + Base64.getEncoder().encodeToString("user:password123".getBytes(StandardCharsets.UTF_8));
        assertEquals(expected, r.headers().get("Authorization"));
        assertEquals("Basic dXNlcjp****", r.maskedHeaders().get("Authorization"));
        assertArrayEquals(PAYLOAD.getBytes(StandardCharsets.UTF_8), r.body(), "body is sent exactly as received");
    }

    @Test
    void apiKeyInAHeader() {
        OutboundRequest r = build(RequestMethod.PUT,
                new CredentialSpec(AuthType.API_KEY, "x-api-key", null, "test1234567890abcdefghij", HeaderLocation.HEADER));
        assertEquals("test1234567890abcdefghij", r.headers().get("x-api-key"));
        assertEquals("test123****", r.maskedHeaders().get("x-api-key"));
        assertEquals("PUT", r.method());
    }

    @Test
    void apiKeyInTheBodyIsAppendedAsATopLevelFieldLeavingTheRestIntact() {
        OutboundRequest r = build(RequestMethod.POST,
                new CredentialSpec(AuthType.API_KEY, "api_key", null, "k\"1", HeaderLocation.BODY));
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertEquals(PAYLOAD.substring(0, PAYLOAD.lastIndexOf('}')) + ",\"api_key\":\"k\\\"1\"}", body);
        assertFalse(r.headers().containsKey("api_key"));
    }

    @Test
    void theLoggedBodyMasksAnApiKeySentInTheBody() {
        OutboundRequest r = build(RequestMethod.POST,
                new CredentialSpec(AuthType.API_KEY, "api_key", null, "test123456789012345678901", HeaderLocation.BODY));
        assertEquals(PAYLOAD.substring(0, PAYLOAD.lastIndexOf('}')) + ",\"api_key\":\"test123****\"}", r.maskedBody());
        assertNull(build(RequestMethod.POST, null).maskedBody(), "a plain payload is not copied into the log");
    }

    @Test
    void standardWebhooksHeadersSignTheBytesSent() {
        OutboundRequest r = build(RequestMethod.POST, null);
        assertEquals("msg_1", r.headers().get("webhook-id"));
        assertEquals("1700000000", r.headers().get("webhook-timestamp"));
        assertEquals(Signer.signature(List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), "msg_1", 1_700_000_000L, r.body()),
                r.headers().get("webhook-signature"));
        assertEquals("application/json", r.headers().get("Content-Type"));
        assertEquals(RequestBuilder.USER_AGENT, r.headers().get("User-Agent"));
    }

    @Test
    void getSendsTopLevelFieldsAsQueryParameters() {
        OutboundRequest r = build(RequestMethod.GET, null);
        assertEquals("https://crm.example.com/hook?x=1&call_id=11142&dnis=&callback_time=&account_id=12345678",
                r.uri().toString());
        assertEquals(0, r.body().length);
        assertFalse(r.headers().containsKey("Content-Type"));
    }

    @Test
    void refusesTargetsThatAreNotAbsoluteHttp() {
        assertThrows(IllegalArgumentException.class, () -> RequestBuilder.build("m", RequestMethod.POST,
                "ftp://x/y", "{}", Duration.ofSeconds(1), null, List.of(), NOW));
        assertThrows(IllegalArgumentException.class, () -> RequestBuilder.build("m", RequestMethod.POST,
                "/relative", "{}", Duration.ofSeconds(1), null, List.of(), NOW));
    }

    @Test
    void savingChecksTargetsAsSendingWill() {
        assertTrue(RequestBuilder.isAbsoluteHttp("https://crm.example.com/h?x=1"));
        assertFalse(RequestBuilder.isAbsoluteHttp("crm.example.com/h"));
        assertFalse(RequestBuilder.isAbsoluteHttp("ftp://crm.example.com/h"));
        assertFalse(RequestBuilder.isAbsoluteHttp("http://bad host/"));
    }

    @Test
    void neverPrintsSecrets() {
        OutboundRequest r = build(RequestMethod.POST,
                new CredentialSpec(AuthType.API_KEY, "x-api-key", null, "supersecretvalue", HeaderLocation.HEADER));
        assertFalse(r.toString().contains("supersecretvalue"));
        assertTrue(new CredentialSpec(AuthType.BASIC, "Authorization", "u", "supersecretvalue", null).toString()
                .indexOf("supersecretvalue") < 0);
    }

    @Test
    void oauthRequestsGetTheirTokenWhenSentAndLogItMasked() {
        OutboundRequest r = build(RequestMethod.POST, new CredentialSpec(AuthType.OAUTH2, "Authorization", "client",
                "oauth-client-secret", null, "https://auth.example.com/token", "webhooks", null, "7:1"));
        assertFalse(r.headers().containsKey("Authorization"), "no token yet: it is fetched outside the transaction");
        assertEquals("Bearer ****", r.maskedHeaders().get("Authorization"));
        assertEquals("https://auth.example.com/token", r.oauth().tokenUrl());
        assertEquals("Bearer abc", r.withBearer("abc").headers().get("Authorization"));
        assertFalse(r.oauth().toString().contains("oauth-client-secret"));
    }

    @Test
    void fieldIsAddedToAnEmptyObjectWithoutAComma() {
        assertEquals("{\"k\":\"v\"}", RequestBuilder.withField("{}", "k", "v"));
    }
}
