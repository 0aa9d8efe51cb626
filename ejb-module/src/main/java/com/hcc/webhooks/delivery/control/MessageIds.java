package com.hcc.webhooks.delivery.control;

import java.security.SecureRandom;

/**
 * Standard Webhooks message ids: {@code msg_} and a ULID (48-bit millisecond time, 80 random bits, Crockford
 * base32), so ids sort by creation time and need no coordination between instances.
 */
public final class MessageIds {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private MessageIds() {
    }

    public static String next() {
        return "msg_" + ulid(System.currentTimeMillis());
    }

    static String ulid(long millis) {
        char[] out = new char[26];
        long time = millis;
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        int bitBuffer = 0;
        int bits = 0;
        int pos = 10;
        for (byte b : random) {
            bitBuffer = (bitBuffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out[pos++] = ALPHABET[(bitBuffer >>> (bits - 5)) & 31];
                bits -= 5;
            }
        }
        return new String(out);
    }
}
