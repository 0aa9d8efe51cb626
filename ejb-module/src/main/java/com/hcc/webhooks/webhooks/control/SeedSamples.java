package com.hcc.webhooks.webhooks.control;

import com.hcc.webhooks.events.entity.EventType;
import com.hcc.webhooks.platform.control.Jsons;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The product documentation's sample payload of each event (resources seed-payloads/), for "Send test". */
public final class SeedSamples {

    private SeedSamples() {
    }

    public static String json(EventType type) {
        String file = switch (type) {
            case CALL_CREATED -> "call-created.json";
            case CALL_ENDED -> "call-ended.json";
            case CALL_SAVED -> "call-saved.json";
            case LEAD_REG_F_BLOCKED -> "reg-f-blocked.json";
        };
        try (InputStream in = SeedSamples.class.getClassLoader().getResourceAsStream("seed-payloads/" + file);
             JsonReader reader = Jsons.createReader(in)) {
            return reader.readObject().getJsonObject("json").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
