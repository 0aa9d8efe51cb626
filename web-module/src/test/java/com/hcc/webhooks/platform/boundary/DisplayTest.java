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
