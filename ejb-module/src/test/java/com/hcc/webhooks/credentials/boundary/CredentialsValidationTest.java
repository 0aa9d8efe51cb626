package com.hcc.webhooks.credentials.boundary;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hcc.webhooks.credentials.entity.AuthType;
import com.hcc.webhooks.credentials.entity.HeaderLocation;
import com.hcc.webhooks.platform.control.ProblemException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialsValidationTest {

    static List<String> fields(Credentials.AccessInput in, boolean requireSecret) {
        return assertThrows(ProblemException.class, () -> Credentials.validate(in, requireSecret)).errors().stream()
                .map(ProblemException.FieldError::field).toList();
    }

    @Test
    void eachTypeNeedsItsOwnFields() {
        assertEquals(List.of("apiName", "clientId", "clientSecret"),
                fields(new Credentials.AccessInput(AuthType.BASIC, "", "Authorization", null, null, null, null, null, null, null), true));
        assertEquals(List.of("apiKey"),
                fields(new Credentials.AccessInput(AuthType.API_KEY, "k", "x-api-key", null, null, null, null, null, null, null), true));
        assertEquals(List.of("tokenUrl", "clientId", "clientSecret"),
                fields(new Credentials.AccessInput(AuthType.OAUTH2, "o", "Authorization", null, null, null, null,
                        null, null, null), true));
        assertEquals(List.of("tokenUrl"), fields(new Credentials.AccessInput(AuthType.OAUTH2, "o", "Authorization",
                "c", "s", null, null, "ftp://x", null, null), true));
    }

    @Test
    void headerNamesMustBeValidAndNotTheEnginesOwn() {
        assertEquals(List.of("authKeyName"), fields(new Credentials.AccessInput(AuthType.API_KEY, "k", "x api key",
                null, null, "key", HeaderLocation.HEADER, null, null, null), true));
        assertEquals(List.of("authKeyName"), fields(new Credentials.AccessInput(AuthType.API_KEY, "k", "webhook-signature",
                null, null, "key", HeaderLocation.HEADER, null, null, null), true));
        assertDoesNotThrow(() -> Credentials.validate(new Credentials.AccessInput(AuthType.API_KEY, "k", "content-type",
                null, null, "key", HeaderLocation.BODY, null, null, null), true), "any field name is fine in the body");
    }

    @Test
    void anUpdateMayKeepTheStoredSecret() {
        assertDoesNotThrow(() -> Credentials.validate(new Credentials.AccessInput(AuthType.BASIC, "b", "Authorization",
                "client", null, null, null, null, null, null), false));
        assertEquals(List.of("clientId"), fields(new Credentials.AccessInput(AuthType.BASIC, "b", "Authorization",
                "a:b", "s", null, null, null, null, null), true), "Basic separates id and secret with ':'");
    }

    @Test
    void valuesThatCouldNotBeSentAsTheyAreAreRefused() {
        assertEquals(List.of("apiKey"), fields(new Credentials.AccessInput(AuthType.API_KEY, "k", "x-api-key",
                null, null, "abc\r\nInjected: 1", HeaderLocation.HEADER, null, null, null), true), "a header split in two");
        assertEquals(List.of("apiKey"), fields(new Credentials.AccessInput(AuthType.API_KEY, "k", "x-api-key",
                null, null, "key-pasted-with-a-newline\n", HeaderLocation.BODY, null, null, null), true));
        assertEquals(List.of("apiKey"), fields(new Credentials.AccessInput(AuthType.API_KEY, "k", "x-api-key",
                null, null, "schl\u00fcssel", HeaderLocation.HEADER, null, null, null), true), "not a header value");
        assertDoesNotThrow(() -> Credentials.validate(new Credentials.AccessInput(AuthType.API_KEY, "k", "x-api-key",
                null, null, "schl\u00fcssel", HeaderLocation.BODY, null, null, null), true), "any text in a JSON body");
        assertEquals(List.of("clientId", "clientSecret"), fields(new Credentials.AccessInput(AuthType.BASIC, "b",
                "Authorization", "client\u0000", "secret\r", null, null, null, null, null), true));
        assertEquals(List.of("tokenUrl"), fields(new Credentials.AccessInput(AuthType.OAUTH2, "o", "Authorization",
                "c", "s", null, null, "https://user:pw@idp.example.com/token", null, null), true));
        assertDoesNotThrow(() -> Credentials.validate(new Credentials.AccessInput(AuthType.API_KEY, "k", "x-api-key",
                null, null, "key with spaces\tand a tab", HeaderLocation.HEADER, null, null, null), true));
    }
}
