package com.hcc.webhooks.platform.boundary;

import com.hcc.webhooks.events.entity.EventType;
import com.hcc.webhooks.platform.entity.InstantConverter;
import com.hcc.webhooks.users.boundary.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the portal writes times, events and statuses: one format and one vocabulary on every page
 * ({@code #{display.time(t)}}, {@code #{display.event(e)}}, {@code #{display.status(s)}}; docs/portal.md). Times are
 * in the signed-in user's time zone (UTC unless they chose another), to the second, with the zone always named in
 * the column header or the sentence ({@code #{display.zoneLabel}}), and the UTC time on hover
 * ({@code #{display.utc(t)}}).
 */
@Named
@ApplicationScoped
public class Display {

    public static final DateTimeFormatter TIME = InstantConverter.READABLE;

    @Inject
    Caller caller;

    /** The zone times are shown in: the caller's, or UTC. */
    public ZoneId getZone() {
        Identity who = caller == null ? null : caller.identity();
        return who == null ? ZoneOffset.UTC : who.zone();
    }

    /** {@code 2026-12-01 02:26:42} in the caller's zone; empty for none. */
    public String time(Instant t) {
        return time(t, getZone());
    }

    /** The same instant in UTC, named: {@code 2026-12-01 08:26:42 UTC} (the hover text of a time). */
    public String utc(Instant t) {
        return InstantConverter.readable(t);
    }

    /** "UTC", or "America/Chicago, UTC-06:00": the zone as a header says it (the offset of now). */
    public String getZoneLabel() {
        return zoneLabel(getZone(), Instant.now());
    }

    static String time(Instant t, ZoneId zone) {
        return t == null ? "" : TIME.withZone(zone).format(t);
    }

    static String zoneLabel(ZoneId zone, Instant at) {
        ZoneOffset offset = zone.getRules().getOffset(at);
        if (zone.normalized().equals(ZoneOffset.UTC)) {
            return "UTC";
        }
        return zone.getId() + ", UTC" + (offset.getTotalSeconds() == 0 ? "" : offset.getId());
    }

    /** The zones a user may choose, UTC first, then the regions' zones by id (computed once). */
    private static final java.util.List<String> ZONES = java.util.stream.Stream.concat(java.util.stream.Stream.of("UTC"),
            ZoneId.getAvailableZoneIds().stream().filter(z -> z.contains("/") && !z.startsWith("Etc/")
                    && !z.startsWith("SystemV/")).sorted()).toList();

    public java.util.List<String> getZones() {
        return ZONES;
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
