package com.hcc.webhooks.webhooks.control;

import com.hcc.webhooks.events.entity.EventType;
import com.hcc.webhooks.platform.control.Jsons;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The product documentation's sample payload of each event (resources seed-payloads/), for "Send test" and
 * "Send sample event".
 */
public final class SeedSamples {

    private SeedSamples() {
    }

    /**
     * The sample as "Send sample event" offers it for editing: filed under the given account (its account_id,
     * a string as in every payload), pretty-printed, every other field as documented.
     */
    public static String forAccount(EventType type, String accountId) {
        jakarta.json.JsonObject sample = Jsons.createReader(json(type)).readObject();
        return com.hcc.webhooks.platform.control.JsonText.pretty(
                Jsons.createObjectBuilder(sample).add("account_id", accountId).build().toString());
    }

    /** The documented sample; for an operational notification, a sample of ours ({@link Notices#sample}). */
    public static String json(EventType type) {
        String file = switch (type) {
            case CALL_CREATED -> "call-created.json";
            case CALL_ENDED -> "call-ended.json";
            case CALL_SAVED -> "call-saved.json";
            case LEAD_REG_F_BLOCKED -> "reg-f-blocked.json";
            case WEBHOOK_DISABLED, WEBHOOK_FAILING, WEBHOOK_RECOVERED -> null;
        };
        if (file == null) {
            return Notices.sample(type);
        }
        try (InputStream in = SeedSamples.class.getClassLoader().getResourceAsStream("seed-payloads/" + file);
             JsonReader reader = Jsons.createReader(in)) {
            return reader.readObject().getJsonObject("json").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
