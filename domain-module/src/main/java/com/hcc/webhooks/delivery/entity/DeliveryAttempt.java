package com.hcc.webhooks.delivery.entity;

import com.hcc.webhooks.platform.entity.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Lob;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * One HTTP attempt of a delivery, as the Webhooks Logs report shows it: the request headers as sent with
 * secrets masked, and the response (capped). Written once, never changed.
 */
@Entity
@Table(name = "delivery_attempt")
@NamedQuery(name = DeliveryAttempt.FIND_BY_DELIVERY,
        query = "SELECT a FROM DeliveryAttempt a WHERE a.delivery = :delivery ORDER BY a.attemptNo")
public class DeliveryAttempt {

    public static final String FIND_BY_DELIVERY = "DeliveryAttempt.findByDelivery";
    public static final int MAX_RESPONSE_BODY_CHARS = 64 * 1024;
    public static final int URL_LENGTH = 2048;
    public static final int ERROR_LENGTH = 500;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = BaseEntity.ID_SEQUENCE)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "delivery_ref", nullable = false, updatable = false)
    private Delivery delivery;

    @Column(name = "attempt_no", nullable = false)
    private int attemptNo;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "duration_ms", nullable = false)
    private long durationMs;

    @Column(name = "request_method", nullable = false, length = 8)
    private String requestMethod;

    @Column(name = "request_url", nullable = false, length = URL_LENGTH)
    private String requestUrl;

    /** JSON object of the headers sent, secrets masked. */
    @Lob
    @Column(name = "request_headers", nullable = false)
    private String requestHeaders;

    @Column(name = "succeeded", nullable = false)
    private boolean succeeded;

    @Column(name = "response_status")
    private Integer responseStatus;

    /** JSON object of the response headers. */
    @Lob
    @Column(name = "response_headers")
    private String responseHeaders;

    @Lob
    @Column(name = "response_body")
    private String responseBody;

    @Enumerated(EnumType.STRING)
    @Column(name = "error_class", length = 16)
    private ErrorClass errorClass;

    @Column(name = "error_message", length = ERROR_LENGTH)
    private String errorMessage;

    /** The body as sent, secrets masked, when it differs from the event payload (API key in the body). */
    @Lob
    @Column(name = "request_body")
    private String requestBody;

    /** When the next attempt was planned after this one failed; null when none was. */
    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    protected DeliveryAttempt() {
    }

    public DeliveryAttempt(Delivery delivery, int attemptNo, Instant startedAt, long durationMs,
                           String requestMethod, String requestUrl, String requestHeaders) {
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        this.attemptNo = attemptNo;
        this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
        this.durationMs = durationMs;
        this.requestMethod = Objects.requireNonNull(requestMethod, "requestMethod");
        this.requestUrl = cap(Objects.requireNonNull(requestUrl, "requestUrl"), URL_LENGTH);
        this.requestHeaders = Objects.requireNonNull(requestHeaders, "requestHeaders");
    }

    public void response(int status, String headers, String body, boolean succeeded) {
        this.responseStatus = status;
        this.responseHeaders = headers;
        this.responseBody = cap(body, MAX_RESPONSE_BODY_CHARS);
        this.succeeded = succeeded;
    }

    public void error(ErrorClass errorClass, String message) {
        this.errorClass = errorClass;
        this.errorMessage = cap(message, ERROR_LENGTH);
        this.succeeded = false;
    }

    public void sentBody(String maskedBody) {
        this.requestBody = maskedBody;
    }

    public void retryAt(Instant at) {
        this.nextAttemptAt = at;
    }

    private static String cap(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    public Long getId() {
        return id;
    }

    public Delivery getDelivery() {
        return delivery;
    }

    public int getAttemptNo() {
        return attemptNo;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public long getDurationMs() {
        return durationMs;
    }

    public String getRequestMethod() {
        return requestMethod;
    }

    public String getRequestUrl() {
        return requestUrl;
    }

    public String getRequestHeaders() {
        return requestHeaders;
    }

    public boolean isSucceeded() {
        return succeeded;
    }

    public Integer getResponseStatus() {
        return responseStatus;
    }

    public String getResponseHeaders() {
        return responseHeaders;
    }

    public String getResponseBody() {
        return responseBody;
    }

    public ErrorClass getErrorClass() {
        return errorClass;
    }

    public String getErrorMessage() {
        return errorMessage;
    }

    public String getRequestBody() {
        return requestBody;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }
}
