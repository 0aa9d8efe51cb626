package com.hcc.webhooks.platform.control;

import com.hcc.webhooks.platform.control.ProblemException.FieldError;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Times the API is given ({@code from}, {@code to}, {@code since}): ISO-8601, refused with the field's name. */
public final class IsoTimes {

    static final String EXAMPLE = "an ISO-8601 time, e.g. 2026-11-27T10:00:00Z";

    private IsoTimes() {
    }

    /** The time, or null when none was given; a bad one is added to {@code errors}. */
    public static Instant parse(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(value.strip()).toInstant();
            } catch (DateTimeParseException e2) {
                errors.add(new FieldError(field, "must be " + EXAMPLE));
                return null;
            }
        }
    }

    /** A time that must be given: refused (422) when it is missing or bad. */
    public static Instant required(String field, String value) {
        List<FieldError> errors = new ArrayList<>();
        Instant t = parse(field, value, errors);
        if (t == null && errors.isEmpty()) {
            errors.add(new FieldError(field, "is required: " + EXAMPLE));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return t;
    }
}
