package com.hcc.webhooks.events.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hcc.webhooks.events.entity.EventType;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventParserTest {

    static String seedJson(String file) throws Exception {
        try (InputStream in = EventParserTest.class.getResourceAsStream("/seed-payloads/" + file)) {
            JsonObject seed = Json.createReader(in).readObject();
            return seed.getJsonObject("json").toString();
        }
    }

    @ParameterizedTest
    @CsvSource({"call-created.json, call.created", "call-ended.json, call.ended", "call-saved.json, call.saved"})
    void acceptsTheSeedCallEvents(String file, String event) throws Exception {
        String body = seedJson(file);
        EventParser.Accepted a = assertInstanceOf(EventParser.Accepted.class, EventParser.parse(event, body, null, null));
        assertEquals("12345678", a.accountId());
        assertEquals(11142L, a.callId());
        assertEquals(65439L, a.leadId());
        assertEquals("9725550138", a.phone());
        assertEquals(body, a.payload(), "payload kept exactly");
        assertNull(a.eventKey());
    }

    @Test
    void acceptsRegF() throws Exception {
        EventParser.Accepted a = assertInstanceOf(EventParser.Accepted.class,
                EventParser.parse("lead.reg_f_blocked", seedJson("reg-f-blocked.json"), "ev-1", null));
        assertEquals(EventType.LEAD_REG_F_BLOCKED, a.type());
        assertEquals("1234", a.accountId());
        assertNull(a.callId());
        assertEquals("9725550148", a.phone());
        assertEquals("ev-1", a.eventKey());
    }

    @Test
    void anOperationalNotificationComesOnlyFromHccWebhooksItself() {
        String notice = com.hcc.webhooks.webhooks.control.Notices.sample(
                com.hcc.webhooks.events.entity.EventType.WEBHOOK_DISABLED);
        EventParser.Rejected r = assertInstanceOf(EventParser.Rejected.class,
                EventParser.parse("webhook.disabled", notice, null, null));
        assertEquals("'webhook.disabled' is an operational notification HCC Webhooks sends itself; producers publish"
                + " call.created, call.ended, call.saved or lead.reg_f_blocked", r.reason());
        assertEquals("12345678", r.accountId(), "filed under the account it names, for its logs");
        EventParser.Accepted a = assertInstanceOf(EventParser.Accepted.class, EventParser.parse(
                com.hcc.webhooks.events.entity.EventSource.SYSTEM, "webhook.disabled", notice, null, null));
        assertEquals(com.hcc.webhooks.events.entity.EventType.WEBHOOK_DISABLED, a.type());
        assertEquals(null, a.callId(), "outside any call: no order to keep");
    }

    @Test
    void accountPropertyWinsOverPayload() throws Exception {
        EventParser.Accepted a = (EventParser.Accepted) EventParser.parse("call.created", seedJson("call-created.json"),
                null, "acct-9");
        assertEquals("acct-9", a.accountId());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown event | call.exploded | {\"account_id\":\"1\"} | unknown event",
            "missing event | '' | {\"account_id\":\"1\"} | missing event name",
            "bad json | call.created | {\"account_id\": | not valid JSON",
            "not an object | call.created | [1,2] | not an object",
            "empty body | call.created | '' | empty body",
            "no account | call.created | {\"call_id\":1} | no account",
            "bad account | call.created | {\"account_id\":\"a b\"} | is not valid"
    })
    void rejectsWithAReason(String name, String event, String body, String reason) {
        EventParser.Rejected r = assertInstanceOf(EventParser.Rejected.class, EventParser.parse(event, body, null, null));
        assertTrue(r.reason().contains(reason), r.reason());
        assertEquals(body, r.rawBody());
    }

    @Test
    void aBrokenBodyThatNamesItsAccountIsFiledUnderIt() {
        EventParser.Rejected r = assertInstanceOf(EventParser.Rejected.class,
                EventParser.parse("call.saved", "{\"account_id\" : \"12345678\", \"call_id\": 1", null, null));
        assertEquals("12345678", r.accountId());
        assertEquals(null, ((EventParser.Rejected) EventParser.parse("call.saved", "{\"account_id\":\"a b\",", null, null))
                .accountId(), "an id that is not a valid account id is not guessed");
    }

    @Test
    void rejectsBodiesOverOneMebibyte() {
        String big = "{\"account_id\":\"1\",\"x\":\"" + "a".repeat(1024 * 1024) + "\"}";
        EventParser.Rejected r = assertInstanceOf(EventParser.Rejected.class,
                EventParser.parse("call.created", big, null, null));
        assertTrue(r.reason().contains("1 MiB"));
        assertEquals("1", r.accountId(), "filed under the account its first bytes name, so its Webhooks Logs list it");
        String late = "{\"x\":\"" + "a".repeat(EventParser.SALVAGE_PREFIX) + "\",\"account_id\":\"2\"}";
        assertEquals(null, ((EventParser.Rejected) EventParser.parse("nope", late, null, null)).accountId(),
                "only the first 64 KiB are searched");
    }

    @Test
    void aBodyRejectedForItsEventNameIsFiledUnderItsAccount() {
        String body = "{\"account_id\":\"12345678\",\"call_id\":1}";
        assertEquals("12345678", ((EventParser.Rejected) EventParser.parse("call.nope", body, null, null)).accountId());
        assertEquals("12345678", ((EventParser.Rejected) EventParser.parse(null, body, null, null)).accountId());
        assertEquals("other", ((EventParser.Rejected) EventParser.parse(null, body, null, "other")).accountId(),
                "the producer's accountId property wins");
    }
}
