package com.hcc.webhooks.platform.control;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticated encryption of stored secrets (AES-256-GCM). A ciphertext reads
 * {@code v1:<keyId>:<base64(iv || ciphertext || tag)>}; the key id lets several keys coexist while secrets
 * are re-encrypted under a new one. The purpose (e.g. {@code access.secret}) is bound as associated data,
 * so a ciphertext copied into another column does not decrypt.
 */
public final class SecretBox {

    /** What a secret is for, bound into its ciphertext: an access credential's secret or key. */
    public static final String ACCESS_SECRET = "access.secret";
    /** What a secret is for, bound into its ciphertext: a webhook's signing secret. */
    public static final String SIGNING_SECRET = "webhook.signing";
    private static final String VERSION = "v1";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String primaryKeyId;
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

    /**
     * @param primaryKey  the key new secrets are encrypted with (32 bytes)
     * @param olderKeys   keys still accepted for decryption (rotation)
     */
    public SecretBox(byte[] primaryKey, List<byte[]> olderKeys) {
        this.primaryKeyId = add(primaryKey);
        olderKeys.forEach(this::add);
    }

    private String add(byte[] key) {
        if (key == null || key.length != 32) {
            throw new IllegalArgumentException("a secret key must be 32 bytes (256 bits)");
        }
        String id = keyId(key);
        keys.putIfAbsent(id, new SecretKeySpec(key.clone(), "AES"));
        return id;
    }

    public static String keyId(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    public String encrypt(String plaintext, String purpose) {
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(primaryKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] ct = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(iv.length + ct.length).put(iv).put(ct).array();
            return VERSION + ":" + primaryKeyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** @throws SecretException when the ciphertext was altered, or was made with a key we do not hold */
    public String decrypt(String ciphertext, String purpose) {
        String[] parts = ciphertext == null ? new String[0] : ciphertext.split(":", 3);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new SecretException("not a stored secret");
        }
        SecretKeySpec key = keys.get(parts[1]);
        if (key == null) {
            throw new SecretException("secret was encrypted with key " + parts[1] + ", which is not configured");
        }
        try {
            byte[] in = Base64.getDecoder().decode(parts[2]);
            if (in.length <= IV_BYTES) {
                throw new SecretException("stored secret is truncated");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new SecretException("stored secret failed its integrity check");
        }
    }

    /** True when the ciphertext is under an older key and should be re-encrypted. */
    public boolean needsRotation(String ciphertext) {
        String[] parts = ciphertext.split(":", 3);
        return parts.length != 3 || !primaryKeyId.equals(parts[1]);
    }

    public String primaryKeyId() {
        return primaryKeyId;
    }

    /** Deliberately carries no cause: a cipher exception must never lead to key material in a log. */
    public static final class SecretException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public SecretException(String message) {
            super(message);
        }
    }
}
