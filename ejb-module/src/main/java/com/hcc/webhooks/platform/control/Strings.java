package com.hcc.webhooks.platform.control;

/** Text as the product takes it in. */
public final class Strings {

    private Strings() {
    }

    /** A value given with blanks around it is the value; one that is only blanks was not given. */
    public static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
