package com.hcc.webhooks.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageIdsTest {

    @Test
    void ulidShapedUniqueAndTimeOrdered() {
        String a = "msg_" + MessageIds.ulid(1_000L);
        String b = "msg_" + MessageIds.ulid(2_000L);
        assertTrue(a.matches("msg_[0-9A-HJKMNP-TV-Z]{26}"), a);
        assertTrue(a.compareTo(b) < 0);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(MessageIds.next());
        }
        assertEquals(10_000, ids.size());
    }
}
