package com.hcc.webhooks.platform.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Stores every {@link Instant} as a UTC wall-clock DATETIME(3). EclipseLink 4.0 otherwise may map Instant
 * to a serialized BLOB, and a LocalDateTime in UTC is read back identically by the H2 and MariaDB drivers
 * whatever the JVM's or the database's time zone is.
 */
@Converter(autoApply = true)
public class InstantConverter implements AttributeConverter<Instant, LocalDateTime> {

    @Override
    public LocalDateTime convertToDatabaseColumn(Instant instant) {
        return toUtc(instant);
    }

    @Override
    public Instant convertToEntityAttribute(LocalDateTime value) {
        return fromUtc(value);
    }

    /** The one conversion of a time to the database's and the portal's UTC wall clock. */
    public static LocalDateTime toUtc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** How people read a time, in the portal and in messages: {@code 2026-12-01 08:26:42}, UTC. */
    public static final java.time.format.DateTimeFormatter READABLE =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    /** {@code 2026-12-01 08:26:42 UTC}: a time in a sentence. */
    public static String readable(Instant instant) {
        return instant == null ? "" : READABLE.format(instant) + " UTC";
    }

    /** A UTC wall-clock time (a LocalDateTime, or a Timestamp as a native query returns it) as an Instant. */
    public static Instant fromUtc(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        throw new IllegalArgumentException("not a time column: " + value.getClass().getName());
    }
}
