package com.hcc.webhooks.webhooks.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hcc.webhooks.events.entity.EventType;
import com.hcc.webhooks.platform.control.Jsons;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SeedSamplesTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void theSampleOfferedForAnAccountIsTheDocumentedPayloadFiledUnderIt(EventType type) {
        JsonObject documented = Jsons.createReader(SeedSamples.json(type)).readObject();
        String offered = SeedSamples.forAccount(type, "87654321");
        JsonObject sample = Jsons.createReader(offered).readObject();

        assertEquals(Jsons.createValue("87654321"), sample.get("account_id"), "a string, as in every payload");
        assertEquals(new ArrayList<>(documented.keySet()), new ArrayList<>(sample.keySet()), "every field, in order");
        List<String> changed = documented.keySet().stream()
                .filter(k -> !documented.get(k).equals(sample.get(k))).toList();
        assertEquals(List.of("account_id"), changed, "nulls, numbers and booleans as documented");
        assertTrue(offered.lines().count() > documented.size(), "one field a line, to edit: " + offered);
    }
}
