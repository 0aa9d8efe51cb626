package com.hcc.webhooks.platform.control;

/**
 * How a secret is shown once stored, as the product documentation shows it ({@code test123****}): at most a
 * third of it and never more than 7 characters stay visible; a secret under 8 characters is fully masked.
 */
public final class SecretMask {

    public static final String MASK = "****";
    private static final int MAX_VISIBLE = 7;
    private static final int MIN_LENGTH_TO_SHOW = 8;

    private SecretMask() {
    }

    public static String mask(String secret) {
        if (secret == null || secret.length() < MIN_LENGTH_TO_SHOW) {
            return MASK;
        }
        int visible = Math.min(MAX_VISIBLE, secret.length() / 3);
        return secret.substring(0, visible) + MASK;
    }

    /** Masks the credential of an Authorization-style value, keeping its scheme: {@code Basic dXNl****}. */
    public static String maskHeaderValue(String value) {
        if (value == null) {
            return MASK;
        }
        int space = value.indexOf(' ');
        if (space > 0 && space < 16 && value.substring(0, space).chars().allMatch(Character::isLetter)) {
            return value.substring(0, space + 1) + mask(value.substring(space + 1));
        }
        return mask(value);
    }
}
