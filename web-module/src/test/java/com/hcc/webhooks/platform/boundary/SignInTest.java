package com.hcc.webhooks.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignInTest {

    @ParameterizedTest(name = "next={0} -> {1}")
    @CsvSource(nullValues = "null", value = {
            "/reports/logs.xhtml?status=failed, /reports/logs.xhtml?status=failed",
            "/webhooks/settings.xhtml, /webhooks/settings.xhtml",
            "null, /",
            "https://evil.example/, /",
            "//evil.example/path, /",
            "/\\evil.example, /",
            "javascript:alert(1), /",
            "/login.xhtml?next=/x, /"
    })
    void signInReturnsOnlyToPagesOfThisApplication(String next, String expected) {
        SignIn s = new SignIn();
        s.setNext(next);
        assertEquals(expected, s.safeNext());
    }
}
