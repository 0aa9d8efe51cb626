package com.hcc.webhooks.delivery.entity;

import com.hcc.webhooks.accounts.entity.Account;
import com.hcc.webhooks.events.entity.EventType;
import com.hcc.webhooks.events.entity.InboundEvent;
import com.hcc.webhooks.platform.entity.BaseEntity;
import com.hcc.webhooks.webhooks.entity.Webhook;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * One event to be sent to one webhook: the unit of work of the delivery engine. The database row is the
 * truth; queues and timers only wake work up. A worker owns a delivery while its lease runs; a lease that
 * expires (the worker died) makes the delivery claimable again.
 */
@Entity
@Table(name = "delivery")
@NamedQuery(name = Delivery.CLAIM,
        query = "UPDATE Delivery d SET d.leaseOwner = :owner, d.leaseUntil = :until"
                + " WHERE d.id = :id AND d.status IN :open AND (d.leaseUntil IS NULL OR d.leaseUntil < :now)")
@NamedQuery(name = Delivery.HAND_OVER,
        query = "UPDATE Delivery d SET d.leaseOwner = :owner, d.leaseUntil = :until, d.claimedAt = :now"
                + " WHERE d.id IN :ids AND d.status IN :open AND (d.leaseUntil IS NULL OR d.leaseUntil < :now)")
@NamedQuery(name = Delivery.RELEASE_LEASE,
        query = "UPDATE Delivery d SET d.leaseOwner = NULL, d.leaseUntil = NULL"
                + " WHERE d.id IN :ids AND d.leaseOwner = :owner AND d.status IN :open")
@NamedQuery(name = Delivery.FIND_WITH_WEBHOOK,
        query = "SELECT d FROM Delivery d JOIN FETCH d.webhook WHERE d.id IN :ids ORDER BY d.id")
@NamedQuery(name = Delivery.FIND_WITH_EVENT,
        query = "SELECT d FROM Delivery d JOIN FETCH d.event WHERE d.id = :id")
@NamedQuery(name = Delivery.FIND_SENDABLE,
        query = "SELECT d FROM Delivery d JOIN FETCH d.event JOIN FETCH d.webhook WHERE d.id IN :ids ORDER BY d.id")
@NamedQuery(name = Delivery.FIND_ORDERS,
        query = "SELECT d FROM Delivery d JOIN FETCH d.webhook JOIN FETCH d.event WHERE d.orderingKey IN :keys"
                + " ORDER BY d.id")
@NamedQuery(name = Delivery.FIND_ORDER,
        query = "SELECT p.id, p.orderSeq, p.status, p.nextAttemptAt, p.attempts, p.webhook.id, p.orderingKey"
                + " FROM Delivery p WHERE p.orderingKey IN :keys")
@NamedQuery(name = Delivery.LAST_SUCCESS,
        query = "SELECT d.completedAt FROM Delivery d WHERE d.webhook = :webhook AND " + Delivery.NOT_A_TEST
                + " AND d.status = com.hcc.webhooks.delivery.entity.DeliveryStatus.SUCCEEDED ORDER BY d.completedAt DESC")
@NamedQuery(name = Delivery.FIRST_FAILURE_AFTER,
        query = "SELECT d.createdAt FROM Delivery d WHERE d.webhook = :webhook AND d.attempts > 0 AND " + Delivery.NOT_A_TEST
                + " AND d.status <> com.hcc.webhooks.delivery.entity.DeliveryStatus.SUCCEEDED AND d.createdAt > :after"
                + " ORDER BY d.createdAt")
// open: a next attempt time, which only an open delivery has; read from ix_delivery_due_at (V012), from :epoch so
// that H2 too starts the index after the finished deliveries (their NULLs come first)
@NamedQuery(name = Delivery.COUNT_OPEN,
        query = "SELECT COUNT(d) FROM Delivery d WHERE d.nextAttemptAt >= :epoch")
@NamedQuery(name = Delivery.OLDEST_WAITING,
        query = "SELECT d.nextAttemptAt FROM Delivery d WHERE d.nextAttemptAt >= :epoch AND d.nextAttemptAt <= :now"
                + " AND (d.leaseUntil IS NULL OR d.leaseUntil < :now) ORDER BY d.nextAttemptAt")
@NamedQuery(name = Delivery.COUNT_IN_FLIGHT,
        query = "SELECT COUNT(d) FROM Delivery d WHERE d.webhook = :webhook AND d.leaseUntil > :now AND d.id <> :id")
@NamedQuery(name = Delivery.COUNT_IN_RATE_WINDOW,
        query = "SELECT COUNT(d) FROM Delivery d WHERE d.webhook = :webhook"
                + " AND (d.claimedAt > :since OR (d.leaseUntil > :now AND d.id <> :id))")
@NamedQuery(name = Delivery.OLDEST_CLAIMED_SINCE,
        query = "SELECT d.claimedAt FROM Delivery d WHERE d.webhook = :webhook AND d.claimedAt > :since"
                + " ORDER BY d.claimedAt")
@NamedQuery(name = Delivery.FIND_BY_MESSAGE_ID,
        query = "SELECT d FROM Delivery d WHERE d.messageId = :id AND d.account = :account")
@NamedQuery(name = Delivery.FIND_BY_EVENT,
        query = "SELECT d FROM Delivery d WHERE d.event = :event ORDER BY d.id")
// CLAIM and HAND_OVER find their rows by id alone: a condition on the webhook as well let MariaDB search
// ix_delivery_leased (webhook_ref, lease_until) and lock a range of it, which deadlocked with records
// (docs/performance.md, 2026-12-02 second part).
public class Delivery extends BaseEntity {

    public static final String CLAIM = "Delivery.claim";
    public static final String FIND_BY_EVENT = "Delivery.findByEvent";
    public static final String FIND_ORDER = "Delivery.findOrder";
    /** Every delivery of these orders, with its webhook and event: what a record needs of the orders it finishes. */
    public static final String FIND_ORDERS = "Delivery.findOrders";
    public static final String RELEASE_LEASE = "Delivery.releaseLease";
    public static final String HAND_OVER = "Delivery.handOver";
    public static final String FIND_SENDABLE = "Delivery.findSendable";
    public static final String COUNT_IN_FLIGHT = "Delivery.countInFlight";
    public static final String FIND_BY_MESSAGE_ID = "Delivery.findByMessageId";
    public static final String FIND_WITH_EVENT = "Delivery.findWithEvent";
    public static final String FIND_WITH_WEBHOOK = "Delivery.findWithWebhook";
    public static final String LAST_SUCCESS = "Delivery.lastSuccess";
    public static final String COUNT_OPEN = "Delivery.countOpen";
    public static final String OLDEST_WAITING = "Delivery.oldestWaiting";
    public static final String FIRST_FAILURE_AFTER = "Delivery.firstFailureAfter";
    public static final String COUNT_IN_RATE_WINDOW = "Delivery.countInRateWindow";
    public static final String OLDEST_CLAIMED_SINCE = "Delivery.oldestClaimedSince";
    public static final int ORDERING_KEY_LENGTH = 100;
    public static final int MESSAGE_ID_LENGTH = 40;
    /** The webhook-id of a "Send test" starts so: the logs mark it a test, and recovery leaves it alone. */
    public static final String TEST_PREFIX = "msg_test_";
    /**
     * JPQL (alias {@code d}): not a "Send test". A test leaves a webhook's health alone: it is not in the
     * Overview's figures and never makes a webhook failing, recovered or disabled.
     */
    public static final String NOT_A_TEST = "d.messageId NOT LIKE 'msg!_test!_%' ESCAPE '!'";
    public static final int ERROR_LENGTH = 500;
    public static final int ORDER_NOTE_LENGTH = 200;
    /** A W3C traceparent: {@code 00-<32 hex>-<16 hex>-<2 hex>}. */
    public static final int TRACE_PARENT_LENGTH = 55;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "account_ref", nullable = false, updatable = false)
    private Account account;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "event_ref", nullable = false, updatable = false)
    private InboundEvent event;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "webhook_ref", nullable = false, updatable = false)
    private Webhook webhook;

    /** The Standard Webhooks {@code webhook-id}: the same on every attempt, so receivers can deduplicate. */
    @Column(name = "message_id", nullable = false, unique = true, updatable = false, length = MESSAGE_ID_LENGTH)
    private String messageId;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    private DeliveryStatus status = DeliveryStatus.PENDING;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "lease_owner", length = 64)
    private String leaseOwner;

    @Column(name = "lease_until")
    private Instant leaseUntil;

    @Column(name = "last_status_code")
    private Integer lastStatusCode;

    @Column(name = "last_error", length = ERROR_LENGTH)
    private String lastError;

    @Column(name = "last_latency_ms")
    private Long lastLatencyMs;

    @Column(name = "completed_at")
    private Instant completedAt;

    /** Deliveries sharing a key are sent one at a time, in the order of their positions; null when order does not matter. */
    @Column(name = "ordering_key", updatable = false, length = ORDERING_KEY_LENGTH)
    private String orderingKey;

    /** The place in its key's order: life-cycle rank, then publish time (delivery control CallOrder). */
    @Column(name = "order_seq", updatable = false)
    private Long orderSeq;

    /** The earlier stages of its call it waits for at its endpoint, a bit per life-cycle rank (CallOrder). */
    @Column(name = "order_expects", updatable = false)
    private Integer orderExpects;

    /** What of its call's order could not be kept (sent without an earlier stage, or late); null when none. */
    @Column(name = "order_note", length = ORDER_NOTE_LENGTH)
    private String orderNote;

    /**
     * What a webhook's max-per-second counts from: when its last request was claimed, and once that request is
     * recorded, when it ended. A request counts against the limit from its claim until a second after it ended.
     */
    @Column(name = "claimed_at")
    private Instant claimedAt;

    /**
     * The W3C traceparent of the intake that created it, so that each attempt, whenever and wherever it is made,
     * joins the event's trace; null when traces were off (docs/operations.md, "Traces (OpenTelemetry)").
     */
    @Column(name = "trace_parent", updatable = false, length = TRACE_PARENT_LENGTH)
    private String traceParent;

    // The event's search keys, copied for the Webhooks Logs report (one index per filter, no join).
    @Enumerated(EnumType.STRING)
    @Column(name = "event_type", updatable = false, length = 32)
    private EventType eventType;

    @Column(name = "call_id", updatable = false)
    private Long callId;

    @Column(name = "lead_id", updatable = false)
    private Long leadId;

    @Column(name = "phone", updatable = false, length = InboundEvent.PHONE_LENGTH)
    private String phone;

    protected Delivery() {
    }

    public Delivery(InboundEvent event, Webhook webhook, String messageId, Instant dueAt, String orderingKey) {
        this.event = Objects.requireNonNull(event, "event");
        this.webhook = Objects.requireNonNull(webhook, "webhook");
        this.account = webhook.getAccount();
        this.messageId = Objects.requireNonNull(messageId, "messageId");
        this.nextAttemptAt = Objects.requireNonNull(dueAt, "dueAt");
        this.orderingKey = orderingKey;
        this.eventType = event.getEventType();
        this.callId = event.getCallId();
        this.leadId = event.getLeadId();
        this.phone = event.getPhone();
    }

    /** Its place in the order of its call at its endpoint (see {@link #getOrderingKey}). */
    public void placeInOrder(long position, int expects) {
        if (orderingKey != null) {
            orderSeq = position;
            orderExpects = expects;
        }
    }

    /** The trace its attempts belong to (a W3C traceparent), or null; anything else is not kept. */
    public void tracedBy(String traceParent) {
        this.traceParent = traceParent != null && traceParent.length() == TRACE_PARENT_LENGTH ? traceParent : null;
    }

    /** Says what of the call's order could not be kept for this delivery. */
    public void noteOrder(String note) {
        orderNote = note == null || note.length() <= ORDER_NOTE_LENGTH ? note : note.substring(0, ORDER_NOTE_LENGTH);
    }

    /**
     * Sends the delivery again, now, with the same {@code webhook-id}: after it succeeded (the customer lost
     * it), failed for good (their outage is over), or while it waits for a retry (skip the wait). The attempt
     * count goes on, so the report shows every attempt in one timeline.
     */
    public void resend(Instant at) {
        Objects.requireNonNull(at, "at");
        if (status.isTerminal()) {
            status = DeliveryStatus.RETRYING;
            completedAt = null;
        }
        nextAttemptAt = at;
    }

    /** The request really goes now: what the per-second limit counts. */
    public void sending(Instant at) {
        claimedAt = Objects.requireNonNull(at, "at");
    }

    /** Born claimed: the intake leases a new delivery that can go at once to its own instance (Claims.prepare). */
    public void leaseTo(String owner, Instant until, Instant at) {
        leaseOwner = Objects.requireNonNull(owner, "owner");
        leaseUntil = Objects.requireNonNull(until, "until");
        claimedAt = Objects.requireNonNull(at, "at");
    }

    /** Gives the lease back without an attempt (a limit or an earlier delivery holds it up). */
    public void defer(Instant until) {
        nextAttemptAt = Objects.requireNonNull(until, "until");
        release();
    }

    /** Records the outcome of an attempt and releases the lease. */
    public void succeeded(int statusCode, long latencyMs, Instant at) {
        attempts++;
        status = DeliveryStatus.SUCCEEDED;
        lastStatusCode = statusCode;
        lastError = null;
        lastLatencyMs = latencyMs;
        completedAt = at;
        nextAttemptAt = null;
        release();
    }

    /**
     * Records a failed attempt: retried at {@code retryAt}, or failed for good when {@code retryAt} is null.
     */
    public void failed(Integer statusCode, String error, long latencyMs, Instant retryAt, Instant at) {
        attempts++;
        lastStatusCode = statusCode;
        lastError = error == null || error.length() <= ERROR_LENGTH ? error : error.substring(0, ERROR_LENGTH);
        lastLatencyMs = latencyMs;
        if (retryAt == null) {
            status = DeliveryStatus.FAILED;
            completedAt = at;
            nextAttemptAt = null;
        } else {
            status = DeliveryStatus.RETRYING;
            nextAttemptAt = retryAt;
        }
        release();
    }

    /**
     * Its request has ended (it is being recorded): the rate limit counts it for a second from now, not from its
     * claim, so a request that reached the receiver late is still counted in the receiver's second.
     */
    public void requestEnded(Instant at) {
        if (claimedAt != null) {
            claimedAt = Objects.requireNonNull(at, "at");
        }
    }

    private void release() {
        leaseOwner = null;
        leaseUntil = null;
    }

    public Account getAccount() {
        return account;
    }

    public InboundEvent getEvent() {
        return event;
    }

    public Webhook getWebhook() {
        return webhook;
    }

    public String getMessageId() {
        return messageId;
    }

    /** A "Send test" from the portal (one attempt, never retried), not a delivery of a producer's event. */
    public static boolean isTest(String messageId) {
        return messageId != null && messageId.startsWith(TEST_PREFIX);
    }

    public DeliveryStatus getStatus() {
        return status;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    public String getLeaseOwner() {
        return leaseOwner;
    }

    public Instant getLeaseUntil() {
        return leaseUntil;
    }

    public Integer getLastStatusCode() {
        return lastStatusCode;
    }

    public String getLastError() {
        return lastError;
    }

    public Long getLastLatencyMs() {
        return lastLatencyMs;
    }

    public Instant getCompletedAt() {
        return completedAt;
    }

    public String getOrderingKey() {
        return orderingKey;
    }

    public Long getOrderSeq() {
        return orderSeq;
    }

    public int getOrderExpects() {
        return orderExpects == null ? 0 : orderExpects;
    }

    public String getOrderNote() {
        return orderNote;
    }

    public EventType getEventType() {
        return eventType;
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

    public String getTraceParent() {
        return traceParent;
    }

    public Instant getClaimedAt() {
        return claimedAt;
    }

    @Override
    public String toString() {
        return "Delivery[" + getId() + ", " + messageId + ", " + status + "]";
    }
}
