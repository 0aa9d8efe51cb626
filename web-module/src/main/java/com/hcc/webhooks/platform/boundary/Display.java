package com.hcc.webhooks.platform.boundary;

import com.hcc.webhooks.events.entity.EventType;
import com.hcc.webhooks.platform.entity.InstantConverter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the portal writes times, events and statuses: one format and one vocabulary on every page
 * ({@code #{display.time(t)}}, {@code #{display.event(e)}}, {@code #{display.status(s)}}; docs/portal.md). Times are
 * UTC, to the second, with the zone in the column header or the sentence.
 */
@Named
@ApplicationScoped
public class Display {

    public static final DateTimeFormatter TIME = InstantConverter.READABLE;

    /** {@code 2026-12-01 08:26:42}; empty for none. */
    public String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }

    /** An event's label ("Call Saved") from its wire name ({@code call.saved}) or constant ({@code CALL_SAVED}). */
    public String event(Object event) {
        if (event == null) {
            return "";
        }
        if (event instanceof EventType type) {
            return type.label();
        }
        String s = event.toString();
        return EventType.fromWireName(s).map(EventType::label)
                .orElseGet(() -> Arrays.stream(EventType.values()).filter(t -> t.name().equals(s)).findFirst()
                        .map(EventType::label).orElse(s));
    }

    /** A status or other constant as a word: {@code SUCCEEDED} is "Succeeded", {@code HEADER} "Header". */
    public String status(Object value) {
        if (value == null) {
            return "";
        }
        return Arrays.stream(value.toString().split("_"))
                .map(w -> w.isEmpty() ? w : w.charAt(0) + w.substring(1).toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(" "));
    }
}
