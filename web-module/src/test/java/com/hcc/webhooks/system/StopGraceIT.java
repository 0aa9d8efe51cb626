package com.hcc.webhooks.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A stop whose grace runs out (docs/delivery.md, "Stopping"): requests still on the wire are interrupted, not
 * recorded as failed (which would send them again at once) but left to their lease, and sent again, with the same
 * webhook-id, once it has expired; only that attempt is recorded. One instance (embedded database and broker), a receiver that takes 6 s, a
 * grace of 2 s and a lease of 20 s.
 */
class StopGraceIT {

    static final int EVENTS = 5;
    static final Pattern STOPPED = Pattern.compile("Delivery stopped in (\\d+) ms: (\\d+) requests? finished and recorded,"
            + " (\\d+) interrupted and left to their lease");

    @Test
    void requestsStillOnTheWireWhenTheGraceEndsAreLeftToTheirLease() throws Exception {
        Map<String, String> env = Map.of("HCC_DELIVERY_STOP_GRACE", "2s", "HCC_DELIVERY_LEASE_SECONDS", "20");
        try (Receiver receiver = new Receiver()) {
            receiver.answerAfter(Duration.ofSeconds(6), Duration.ofSeconds(6));
            Product first = Product.start("stop-grace", env);
            String stopLog;
            long stopMs;
            try {
                Api api = first.api();
                assertEquals(201, api.post("/api/v1/accounts", "{\"accountId\":\"12345678\",\"name\":\"Grace\"}").status());
                assertEquals(201, api.post("/api/v1/accounts/12345678/webhooks", "{\"event\":\"call.created\",\"targetUrl\":\""
                        + receiver.url("/grace") + "\"}").status());
                for (int i = 0; i < EVENTS; i++) {
                    assertEquals(202, api.post("/api/v1/events/call.created", Seeds.CALL_CREATED.json()
                            .replace("\"call_id\":11142", "\"call_id\":" + (400000 + i))).status());
                }
                receiver.await(r -> true, EVENTS, Duration.ofSeconds(30));
                Path log = first.serverLog();
                long before = Files.size(log);
                long stopping = System.nanoTime();
                first.close(); // SIGTERM while every request waits for its answer
                stopMs = (System.nanoTime() - stopping) / 1_000_000;
                stopLog = Files.readString(log).substring((int) before);
            } finally {
                first.close();
            }
            Matcher stopped = STOPPED.matcher(stopLog);
            assertTrue(stopped.find(), "the stop logged what it did:\n" + stopLog.lines()
                    .filter(l -> l.contains("Delivery")).toList());
            assertEquals(Integer.toString(EVENTS), stopped.group(3), "interrupted after the grace: " + stopped.group());
            assertEquals(EVENTS, receiver.requests().size(), "nothing was sent again at once");

            try (Product again = Product.start("stop-grace", env, false)) {
                List<Receiver.Request> all = receiver.await(r -> true, 2 * EVENTS, Duration.ofSeconds(90));
                Map<String, List<Receiver.Request>> byId = all.stream()
                        .collect(Collectors.groupingBy(r -> r.header("webhook-id")));
                assertEquals(EVENTS, byId.size(), "each was sent again with its first webhook-id");
                byId.forEach((id, requests) -> assertEquals(2, requests.size(), id));
                Api api = again.api();
                FaultsIT.awaitNone(api, "pending");
                FaultsIT.awaitNone(api, "retrying");
                String logs = api.get("/api/v1/accounts/12345678/logs?limit=50").body();
                assertEquals(EVENTS, logs.split("\"attempts\":1[,}]", -1).length - 1,
                        "one attempt recorded for each (the interrupted one was not recorded as failed): " + logs);
                System.out.printf("stop grace: stopped in %d ms; %s; sent again after its lease: %d of %d%n", stopMs,
                        stopped.group(), byId.size(), EVENTS);
            }
        }
    }
}
