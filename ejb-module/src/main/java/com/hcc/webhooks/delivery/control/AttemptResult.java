package com.hcc.webhooks.delivery.control;

import com.hcc.webhooks.delivery.entity.ErrorClass;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What happened on the wire: a status with headers and (capped) body, or an error class and message. */
public record AttemptResult(Instant startedAt, long durationMs, Integer status,
                            Map<String, List<String>> responseHeaders, String responseBody,
                            ErrorClass errorClass, String errorMessage, Optional<Duration> retryAfter) {

    public static AttemptResult response(Instant startedAt, long durationMs, int status,
                                         Map<String, List<String>> headers, String body,
                                         Optional<Duration> retryAfter) {
        ErrorClass error = status >= 200 && status < 300 ? null : ErrorClass.HTTP_STATUS;
        return new AttemptResult(startedAt, durationMs, status, headers, body, error,
                error == null ? null : "HTTP " + status, retryAfter);
    }

    public static AttemptResult error(Instant startedAt, long durationMs, ErrorClass errorClass, String message) {
        return new AttemptResult(startedAt, durationMs, null, Map.of(), null, errorClass, message, Optional.empty());
    }

    public boolean succeeded() {
        return errorClass == null;
    }
}
