package com.hcc.webhooks.events.control;

import com.hcc.webhooks.platform.control.Strings;
import com.hcc.webhooks.accounts.entity.Account;
import com.hcc.webhooks.events.entity.EventSource;
import com.hcc.webhooks.events.entity.EventType;
import com.hcc.webhooks.events.entity.InboundEvent;
import com.hcc.webhooks.platform.control.Jsons;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Decides whether an inbound event can be delivered, and extracts what the engine needs from it (account,
 * idempotency key, call id for ordering, lead and phone for search). Never throws on bad input: a bad event
 * becomes a {@link Rejected} with a reason a person can act on.
 */
public final class EventParser {

    private static final Pattern ACCOUNT_ID = Pattern.compile(Account.ACCOUNT_ID_PATTERN);

    private EventParser() {
    }

    public sealed interface Result permits Accepted, Rejected {
    }

    /** A deliverable event; {@code payload} is the body exactly as received. */
    public record Accepted(EventType type, String accountId, String eventKey, String payload, Long callId,
                           Long leadId, String phone) implements Result {
    }

    public record Rejected(String eventName, String accountId, String eventKey, String rawBody, String reason)
            implements Result {
    }

    /**
     * @param eventName JMS property {@code event} or the REST path segment
     * @param body      the message body (UTF-8 text)
     * @param eventId   optional idempotency key from the producer
     * @param accountId optional account id from the producer; else the payload's {@code account_id}
     */
    private static final java.util.regex.Pattern ACCOUNT_IN_TEXT =
            java.util.regex.Pattern.compile("\"account_id\"\\s*:\\s*\"([^\"]{1,64})\"");

    /**
     * The account of a body that is not valid JSON, read from its text when it names one: so the rejected
     * event shows in that account's Webhooks Logs, where the customer looks for it.
     */
    static String salvageAccount(String accountId, String body) {
        if (accountId != null && !accountId.isBlank()) {
            return accountId;
        }
        java.util.regex.Matcher m = ACCOUNT_IN_TEXT.matcher(body);
        return m.find() && ACCOUNT_ID.matcher(m.group(1)).matches() ? m.group(1) : null;
    }

    /** How much of a body is searched for the account it names, when it is rejected before it is read as JSON. */
    static final int SALVAGE_PREFIX = 64 * 1024;

    /**
     * A rejection before the body is read as JSON (too large, no or unknown event name, ...), filed under the
     * account the producer or the body's first bytes name, so it shows in that account's Webhooks Logs.
     */
    private static Rejected early(String eventName, String accountId, String key, String body, String reason) {
        String prefix = body == null ? "" : body.substring(0, Math.min(body.length(), SALVAGE_PREFIX));
        return new Rejected(eventName, salvageAccount(accountId, prefix), key, body, reason);
    }

    /** As a producer's event: an operational notification's name is refused. */
    public static Result parse(String eventName, String body, String eventId, String accountId) {
        return parse(EventSource.REST, eventName, body, eventId, accountId);
    }

    /** @param source {@link EventSource#SYSTEM} for HCC Webhooks' own notifications; any other is a producer */
    public static Result parse(EventSource source, String eventName, String body, String eventId, String accountId) {
        String key = Strings.blankToNull(eventId);
        if (key != null && key.length() > InboundEvent.EVENT_KEY_LENGTH) {
            return early(eventName, accountId, null, body,
                    "eventId is longer than " + InboundEvent.EVENT_KEY_LENGTH + " characters");
        }
        if (body == null || body.isBlank()) {
            return early(eventName, accountId, key, body, "empty body: expected the event's JSON object");
        }
        if (body.length() > InboundEvent.MAX_PAYLOAD_BYTES
                || body.getBytes(StandardCharsets.UTF_8).length > InboundEvent.MAX_PAYLOAD_BYTES) {
            return early(eventName, accountId, key, body, "body exceeds 1 MiB");
        }
        if (eventName == null || eventName.isBlank()) {
            return early(eventName, accountId, key, body,
                    "missing event name (JMS string property 'event'), expected one of " + knownNames());
        }
        EventType type = EventType.fromWireName(eventName.trim()).orElse(null);
        if (type == null) {
            return early(eventName, accountId, key, body,
                    "unknown event '" + eventName + "', expected one of " + knownNames());
        }
        if (type.operational() && source != EventSource.SYSTEM) {
            return early(eventName, accountId, key, body, "'" + type.wireName() + "' is an operational notification"
                    + " HCC Webhooks sends itself; producers publish " + knownNames());
        }
        JsonObject json;
        try (JsonReader reader = Jsons.createReader(body)) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                return early(eventName, accountId, key, body, "body is JSON but not an object");
            }
            json = value.asJsonObject();
        } catch (JsonParsingException e) {
            return early(eventName, accountId, key, body, "body is not valid JSON: " + e.getMessage());
        } catch (JsonException e) {
            return early(eventName, accountId, key, body, "body is not valid JSON");
        }
        String account = Strings.blankToNull(accountId);
        if (account == null) {
            account = text(json, "account_id");
        }
        if (account == null || account.isBlank()) {
            return new Rejected(eventName, null, key, body,
                    "no account: neither the accountId property nor the payload's account_id is set");
        }
        if (account.length() > Account.ACCOUNT_ID_LENGTH || !ACCOUNT_ID.matcher(account).matches()) {
            return new Rejected(eventName, null, key, body, "account id '" + abbreviate(account)
                    + "' is not valid (letters, digits, '.', '-', '_'; at most 64)");
        }
        String phone = text(json, "phone");
        if (phone == null) {
            phone = text(json, "lead_phone");
        }
        return new Accepted(type, account, key, body, number(json, "call_id"), number(json, "lead_id"), phone);
    }

    /** The events producers publish. */
    private static String knownNames() {
        return EventType.wireNames(EventType.produced());
    }

    /** A string field, or a number written as text (some dialers send account ids as numbers). */
    private static String text(JsonObject json, String field) {
        JsonValue v = json.get(field);
        if (v == null) {
            return null;
        }
        return switch (v.getValueType()) {
            case STRING -> ((JsonString) v).getString();
            case NUMBER -> v.toString();
            default -> null;
        };
    }

    private static Long number(JsonObject json, String field) {
        JsonValue v = json.get(field);
        if (v instanceof JsonNumber n && n.isIntegral()) {
            return n.longValue();
        }
        if (v instanceof JsonString s) {
            try {
                return Long.parseLong(s.getString().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
