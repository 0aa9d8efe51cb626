package com.hcc.webhooks.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private final byte[] key = SecretBox.newKey();
    private final SecretBox box = new SecretBox(key, List.of());

    @Test
    void roundTripsAndNeverContainsThePlaintext() {
        String ct = box.encrypt("test1234567890", "access.secret");
        assertFalse(ct.contains("test1234567890"));
        assertTrue(ct.startsWith("v1:" + box.primaryKeyId() + ":"));
        assertEquals("test1234567890", box.decrypt(ct, "access.secret"));
    }

    @Test
    void sameSecretEncryptsDifferentlyEachTime() {
        assertNotEquals(box.encrypt("s3cret", "p"), box.encrypt("s3cret", "p"));
    }

    @Test
    void detectsTampering() {
        String ct = box.encrypt("s3cret-value", "access.secret");
        String[] parts = ct.split(":", 3);
        byte[] raw = Base64.getDecoder().decode(parts[2]);
        raw[raw.length - 1] ^= 1;
        String tampered = parts[0] + ":" + parts[1] + ":" + Base64.getEncoder().encodeToString(raw);
        assertThrows(SecretBox.SecretException.class, () -> box.decrypt(tampered, "access.secret"));
    }

    @Test
    void ciphertextIsBoundToItsPurpose() {
        String ct = box.encrypt("s3cret-value", "access.secret");
        assertThrows(SecretBox.SecretException.class, () -> box.decrypt(ct, "webhook.signing"));
    }

    @Test
    void olderKeysStillDecryptDuringRotation() {
        String old = box.encrypt("rotate-me", "p");
        SecretBox rotated = new SecretBox(SecretBox.newKey(), List.of(key));
        assertEquals("rotate-me", rotated.decrypt(old, "p"));
        assertTrue(rotated.needsRotation(old));
        assertFalse(rotated.needsRotation(rotated.encrypt("x", "p")));
    }

    @Test
    void unknownKeyIsAClearError() {
        String ct = new SecretBox(SecretBox.newKey(), List.of()).encrypt("x", "p");
        SecretBox.SecretException e = assertThrows(SecretBox.SecretException.class, () -> box.decrypt(ct, "p"));
        assertTrue(e.getMessage().contains("not configured"));
    }

    @Test
    void rejectsKeysOfTheWrongSize() {
        assertThrows(IllegalArgumentException.class, () -> new SecretBox(new byte[16], List.of()));
    }
}
