package com.hcc.webhooks.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hcc.webhooks.events.entity.EventType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** One time format and one vocabulary on every page. */
class DisplayTest {

    final Display display = new Display();

    @Test
    void timesAreUtcToTheSecondWithoutTheZoneOrNanoseconds() {
        assertEquals("2026-12-01 08:26:42", display.time(Instant.parse("2026-12-01T08:26:42.776123456Z")));
        assertEquals("", display.time(null));
    }

    @Test
    void aUsersZoneShowsLocalTimeAndNamesItsZoneAndOffsetWithUtcOnHover() {
        Instant t = Instant.parse("2026-12-01T08:26:42.776Z");
        java.time.ZoneId chicago = java.time.ZoneId.of("America/Chicago");
        assertEquals("2026-12-01 02:26:42", Display.time(t, chicago), "CST is UTC-6 in December");
        assertEquals("2026-07-01 03:26:42", Display.time(Instant.parse("2026-07-01T08:26:42Z"), chicago), "CDT in July");
        assertEquals("America/Chicago, UTC-06:00", Display.zoneLabel(chicago, t));
        assertEquals("America/Chicago, UTC-05:00", Display.zoneLabel(chicago, Instant.parse("2026-07-01T00:00:00Z")));
        assertEquals("Asia/Kolkata, UTC+05:30", Display.zoneLabel(java.time.ZoneId.of("Asia/Kolkata"), t));
        assertEquals("UTC", Display.zoneLabel(java.time.ZoneOffset.UTC, t));
        assertEquals("2026-12-01 08:26:42 UTC", display.utc(t));
        assertEquals("UTC", display.getZones().get(0));
        assertEquals(true, display.getZones().contains("America/Chicago"));
    }

    @Test
    void eventsAreNamedByTheirLabelsWhicheverFormTheyComeIn() {
        assertEquals("Call Saved", display.event("call.saved"));
        assertEquals("Call Saved", display.event("CALL_SAVED"));
        assertEquals("Reg F Blocked Lead", display.event(EventType.LEAD_REG_F_BLOCKED));
        assertEquals("call.unknown", display.event("call.unknown"), "an unknown name as received");
        assertEquals("", display.event(null));
    }

    @Test
    void constantsAreWords() {
        assertEquals("Succeeded", display.status("SUCCEEDED"));
        assertEquals("Header", display.status("HEADER"));
        assertEquals("Read", display.status("READ"));
        assertEquals("Account Admin", display.status("ACCOUNT_ADMIN"));
        assertEquals("", display.status(null));
    }
}
