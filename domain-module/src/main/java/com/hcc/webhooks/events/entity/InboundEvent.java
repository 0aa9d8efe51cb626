package com.hcc.webhooks.events.entity;

import com.hcc.webhooks.platform.entity.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * One event as received, accepted or rejected. The payload is kept byte for byte as it came (field order,
 * nulls, types are the customer's contract), so deliveries send exactly this text. A rejected event keeps
 * its raw body (capped) and the reason, so nothing a dialer sends is lost.
 * <p>
 * Immutable once written: no version column, and the account is the HCC account id string rather than a
 * foreign key, because a rejected event may name no account or one we do not know.
 */
@Entity
@Table(name = "inbound_event")
@NamedQuery(name = InboundEvent.FIND_BY_KEY,
        query = "SELECT e FROM InboundEvent e WHERE e.accountId = :accountId AND e.eventKey = :eventKey")
@NamedQuery(name = InboundEvent.FIND_BY_KEYS,
        query = "SELECT e FROM InboundEvent e WHERE e.accountId = :accountId AND e.eventKey IN :eventKeys")
public class InboundEvent {

    public static final String FIND_BY_KEY = "InboundEvent.findByKey";
    public static final String FIND_BY_KEYS = "InboundEvent.findByKeys";
    public static final int EVENT_NAME_LENGTH = 64;
    public static final int EVENT_KEY_LENGTH = 128;
    public static final int REASON_LENGTH = 500;
    public static final int PHONE_LENGTH = 32;
    /** Largest payload accepted; larger bodies are rejected (their first part is kept). */
    public static final int MAX_PAYLOAD_BYTES = 1024 * 1024;
    /** How much of a rejected body is kept. */
    public static final int MAX_REJECTED_BODY_CHARS = 64 * 1024;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = BaseEntity.ID_SEQUENCE)
    private Long id;

    @Column(name = "account_id", length = 64)
    private String accountId;

    /** The event name as received (kept even when unknown). */
    @Column(name = "event_name", length = EVENT_NAME_LENGTH)
    private String eventName;

    @Enumerated(EnumType.STRING)
    @Column(name = "event_type", length = 32)
    private EventType eventType;

    /** Idempotency key: the producer's eventId, or one we generated. Unique per account. */
    @Column(name = "event_key", nullable = false, length = EVENT_KEY_LENGTH)
    private String eventKey;

    @Column(name = "call_id")
    private Long callId;

    @Column(name = "lead_id")
    private Long leadId;

    @Column(name = "phone", length = PHONE_LENGTH)
    private String phone;

    @Lob
    @Column(name = "payload", nullable = false)
    private String payload;

    @Enumerated(EnumType.STRING)
    @Column(name = "source", nullable = false, length = 8)
    private EventSource source;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    private EventStatus status;

    @Column(name = "reject_reason", length = REASON_LENGTH)
    private String rejectReason;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    protected InboundEvent() {
    }

    private InboundEvent(EventSource source, String eventName, String eventKey, String payload, EventStatus status) {
        this.source = Objects.requireNonNull(source, "source");
        this.eventName = eventName;
        this.eventKey = Objects.requireNonNull(eventKey, "eventKey");
        this.payload = Objects.requireNonNull(payload, "payload");
        this.status = status;
        this.receivedAt = Instant.now();
    }

    public static InboundEvent accepted(EventSource source, EventType type, String accountId, String eventKey,
                                        String payload) {
        InboundEvent e = new InboundEvent(source, type.wireName(), eventKey, payload, EventStatus.ACCEPTED);
        e.eventType = type;
        e.accountId = Objects.requireNonNull(accountId, "accountId");
        return e;
    }

    public static InboundEvent rejected(EventSource source, String eventName, String accountId, String eventKey,
                                        String rawBody, String reason) {
        String body = rawBody == null ? "" : rawBody;
        if (body.length() > MAX_REJECTED_BODY_CHARS) {
            body = body.substring(0, MAX_REJECTED_BODY_CHARS);
        }
        InboundEvent e = new InboundEvent(source, truncate(eventName, EVENT_NAME_LENGTH), eventKey, body,
                EventStatus.REJECTED);
        e.accountId = truncate(accountId, 64);
        e.rejectReason = truncate(Objects.requireNonNull(reason, "reason"), REASON_LENGTH);
        return e;
    }

    /** Search keys taken from the payload (for ordering and for finding the event in the logs). */
    public void identify(Long callId, Long leadId, String phone) {
        this.callId = callId;
        this.leadId = leadId;
        this.phone = truncate(phone, PHONE_LENGTH);
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    public Long getId() {
        return id;
    }

    /** The event's number in a log id {@code rej_<n>} (what the Webhooks Logs call a rejected event), or null. */
    public static Long rejectedId(String logId) {
        if (logId == null || !logId.startsWith("rej_")) {
            return null;
        }
        try {
            return Long.parseLong(logId.substring(4));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Whether this is a rejected event of the account (by its number). */
    public boolean isRejectedOf(String accountId) {
        return status == EventStatus.REJECTED && accountId != null && accountId.equals(this.accountId);
    }

    public String getAccountId() {
        return accountId;
    }

    public String getEventName() {
        return eventName;
    }

    public EventType getEventType() {
        return eventType;
    }

    public String getEventKey() {
        return eventKey;
    }

    public Long getCallId() {
        return callId;
    }

    public Long getLeadId() {
        return leadId;
    }

    public String getPhone() {
        return phone;
    }

    public String getPayload() {
        return payload;
    }

    public EventSource getSource() {
        return source;
    }

    public EventStatus getStatus() {
        return status;
    }

    public String getRejectReason() {
        return rejectReason;
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }

    @Override
    public String toString() {
        return "InboundEvent[" + id + ", " + eventName + ", " + status + "]";
    }
}
