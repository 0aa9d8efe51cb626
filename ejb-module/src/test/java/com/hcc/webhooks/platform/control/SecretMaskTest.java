package com.hcc.webhooks.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretMaskTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "test1234567890abcdefghij, test123****", // 24 chars: 7 visible, the cap
            "test123456, tes****",                   // 10 chars: a third is 3
            "12345678, 12****",                      // 8 chars: shown from 8 on, a third is 2
            "1234567, ****",                         // under 8: fully masked
            "'', ****"
    })
    void showsAtMostAThirdAndAtMostSeven(String secret, String expected) {
        assertEquals(expected, SecretMask.mask(secret));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "Basic dXNlcjpwYXNzd29yZDEyMw==, Basic dXNlcjp****",
            "Bearer abc, Bearer ****",
            "test1234567890abcdefghij, test123****"
    })
    void keepsTheSchemeOfAnAuthorizationValue(String value, String expected) {
        assertEquals(expected, SecretMask.maskHeaderValue(value));
    }
}
