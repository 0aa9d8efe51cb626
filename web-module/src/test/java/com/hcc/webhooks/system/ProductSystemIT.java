package com.hcc.webhooks.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The product as users run it (./hcc run, Payara Micro, embedded broker) on a real MariaDB, fed by a dialer
 * over OpenWire and STOMP, delivering to a real HTTP receiver.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProductSystemIT {

    static final String BASIC_SECRET = "basic-client-secret-7731";
    static final String HEADER_KEY = "test1234567890abcdefghij";
    static final String BODY_KEY = "body-api-key-55aa21";

    static Receiver receiver;
    static Product product;
    static Api api;
    /** webhook path -> its signing secret, as the create answer showed it once. */
    static final Map<String, String> signingSecrets = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        receiver = new Receiver();
        product = Product.startOnMariaDb("system", Map.of());
        api = product.api();
        configure();
    }

    @AfterAll
    static void stop() {
        if (product != null) {
            product.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    /** The two setup steps of the portal, over the API: credentials, then one webhook per event. */
    static void configure() throws Exception {
        String callAccount = Seeds.CALL_CREATED.accountId();
        String regfAccount = Seeds.REG_F_BLOCKED.accountId();
        for (String account : List.of(callAccount, regfAccount)) {
            Api.Answer a = api.post("/api/v1/accounts", "{\"accountId\":\"" + account + "\",\"name\":\"Account " + account + "\"}");
            assertEquals(201, a.status(), a.body());
        }
        long basic = api.post("/api/v1/accounts/" + callAccount + "/access", "{\"type\":\"BASIC\",\"apiName\":\"crm-basic\","
                + "\"authKeyName\":\"Authorization\",\"clientId\":\"hcc-client\",\"clientSecret\":\"" + BASIC_SECRET + "\"}")
                .json().getJsonNumber("id").longValue();
        long header = api.post("/api/v1/accounts/" + callAccount + "/access", "{\"type\":\"API_KEY\",\"apiName\":\"crm-key\","
                + "\"authKeyName\":\"x-api-key\",\"apiKey\":\"" + HEADER_KEY + "\",\"headerLocation\":\"HEADER\"}")
                .json().getJsonNumber("id").longValue();
        long body = api.post("/api/v1/accounts/" + regfAccount + "/access", "{\"type\":\"API_KEY\",\"apiName\":\"regf-key\","
                + "\"authKeyName\":\"api_key\",\"apiKey\":\"" + BODY_KEY + "\",\"headerLocation\":\"BODY\"}")
                .json().getJsonNumber("id").longValue();
        webhook(callAccount, "call.created", "POST", basic, "/created");
        webhook(callAccount, "call.ended", "PUT", header, "/ended");
        webhook(callAccount, "call.saved", "PATCH", basic, "/saved");
        webhook(regfAccount, "lead.reg_f_blocked", "POST", body, "/regf");
    }

    static void webhook(String account, String event, String method, long accessId, String path) throws Exception {
        Api.Answer a = api.post("/api/v1/accounts/" + account + "/webhooks", "{\"event\":\"" + event + "\",\"requestMethod\":\""
                + method + "\",\"accessId\":" + accessId + ",\"targetUrl\":\"" + receiver.url(path) + "\"}");
        assertEquals(201, a.status(), a.body());
        signingSecrets.put(path, a.json().getString("signingSecret"));
    }

    @Test
    @Order(1)
    void theFourSeedEventsOverOpenWireAndStompReachTheReceiverExactly() throws Exception {
        for (Seeds seed : Seeds.values()) {
            Dialer.openWire(product.openwirePort, seed.event, seed.json(), Map.of());
        }
        for (Seeds seed : Seeds.values()) {
            Dialer.stomp(product.stompPort, seed.event, seed.json());
        }
        List<Receiver.Request> got = receiver.await(r -> true, 8, Duration.ofSeconds(60));
        assertEquals(8, got.size(), "each event exactly once per transport");

        String basicValue = "Basic " + Base64.getEncoder().encodeToString(("hcc-client:" + BASIC_SECRET).getBytes(StandardCharsets.UTF_8));
        Set<String> ids = new HashSet<>();
        for (Seeds seed : Seeds.values()) {
            List<Receiver.Request> forSeed = switch (seed) {
                case CALL_CREATED -> byPath(got, "/created");
                case CALL_ENDED -> byPath(got, "/ended");
                case CALL_SAVED -> byPath(got, "/saved");
                case REG_F_BLOCKED -> byPath(got, "/regf");
            };
            assertEquals(2, forSeed.size(), seed + " over OpenWire and over STOMP");
            for (Receiver.Request r : forSeed) {
                switch (seed) {
                    case CALL_CREATED -> {
                        assertEquals("POST", r.method());
                        assertEquals(basicValue, r.header("Authorization"));
                        assertEquals(seed.json(), r.body());
                    }
                    case CALL_ENDED -> {
                        assertEquals("PUT", r.method());
                        assertEquals(HEADER_KEY, r.header("x-api-key"));
                        assertEquals(seed.json(), r.body());
                    }
                    case CALL_SAVED -> {
                        assertEquals("PATCH", r.method());
                        assertEquals(basicValue, r.header("Authorization"));
                        assertEquals(seed.json(), r.body());
                    }
                    case REG_F_BLOCKED -> {
                        assertEquals("POST", r.method());
                        String json = seed.json();
                        assertEquals(json.substring(0, json.length() - 1) + ",\"api_key\":\"" + BODY_KEY + "\"}", r.body(),
                                "the API key is added as a top-level field and nothing else changes");
                    }
                }
                assertEquals("application/json", r.header("Content-Type"));
                assertTrue(r.header("User-Agent").startsWith("HCC-Webhooks/"));
                assertTrue(ids.add(r.header("webhook-id")), "a distinct webhook-id per delivery");
                verifyStandardWebhooksSignature(r, signingSecrets.get(r.path()));
            }
        }

        try (Connection c = db(); Statement s = c.createStatement()) {
            // the receiver has the requests before their outcomes are committed (group commit): a moment for those
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (count(s, "SELECT COUNT(*) FROM delivery WHERE status = 'SUCCEEDED' AND attempts = 1") < 8
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(8, count(s, "SELECT COUNT(*) FROM delivery WHERE status = 'SUCCEEDED' AND attempts = 1"));
            assertEquals(8, count(s, "SELECT COUNT(*) FROM delivery_attempt WHERE succeeded = TRUE AND response_status = 200"));
            assertEquals(8, count(s, "SELECT COUNT(*) FROM inbound_event WHERE status = 'ACCEPTED'"));
            int withCredentialHeader = 0;
            try (ResultSet r = s.executeQuery("SELECT request_headers FROM delivery_attempt")) {
                while (r.next()) {
                    String headers = r.getString(1);
                    assertFalse(headers.contains(BASIC_SECRET) || headers.contains(HEADER_KEY)
                            || headers.contains(Base64.getEncoder().encodeToString(("hcc-client:" + BASIC_SECRET).getBytes(StandardCharsets.UTF_8))),
                            "logged headers are masked: " + headers);
                    if (headers.contains("\"Authorization\"") || headers.contains("\"x-api-key\"")) {
                        assertTrue(headers.contains("****"), headers);
                        withCredentialHeader++;
                    }
                }
            }
            assertEquals(6, withCredentialHeader, "Basic and header API key attempts show their masked value");
        }
    }

    @Test
    void aMalformedEventIsStoredAsRejectedAndNothingIsSent() throws Exception {
        int before = receiver.requests().size();
        Dialer.stomp(product.stompPort, "call.created", "{\"account_id\": \"12345678\", broken");
        Dialer.openWire(product.openwirePort, "call.unknown", "{\"account_id\":\"12345678\"}", Map.of());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> reasons = new ArrayList<>();
        while (System.nanoTime() < deadline && reasons.size() < 2) {
            reasons.clear();
            try (Connection c = db(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT reject_reason FROM inbound_event WHERE status = 'REJECTED' ORDER BY id")) {
                while (r.next()) {
                    reasons.add(r.getString(1));
                }
            }
            Thread.sleep(200);
        }
        assertEquals(2, reasons.size(), "both stored as rejected: " + reasons);
        assertTrue(reasons.stream().anyMatch(r -> r.contains("not valid JSON")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.contains("unknown event 'call.unknown'")), reasons.toString());
        assertEquals(before, receiver.requests().stream().filter(r -> r.body().contains("broken")).count() + before);
    }

    @Test
    void secretsAreNeitherStoredInPlaintextNorLoggedNorReturned() throws Exception {
        try (Connection c = db(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT secret_enc, secret_hint FROM access_credential")) {
            int rows = 0;
            while (r.next()) {
                rows++;
                String stored = r.getString(1) + r.getString(2);
                for (String secret : List.of(BASIC_SECRET, HEADER_KEY, BODY_KEY)) {
                    assertFalse(stored.contains(secret), "secret stored in plaintext");
                }
            }
            assertEquals(3, rows);
        }
        String listed = api.get("/api/v1/accounts/" + Seeds.CALL_CREATED.accountId() + "/access").body();
        assertFalse(listed.contains(BASIC_SECRET) || listed.contains(HEADER_KEY), listed);
        assertTrue(listed.contains("\"secret\":\"test123****\""), listed);
        String log = Files.readString(product.serverLog());
        for (String secret : List.of(BASIC_SECRET, HEADER_KEY, BODY_KEY)) {
            assertFalse(log.contains(secret), "secret in the server log");
        }
        for (String signing : signingSecrets.values()) {
            assertFalse(log.contains(signing), "signing secret in the server log");
        }
    }

    @Test
    void theApiRefusesStrangersAndExplainsBadInput() throws Exception {
        Api stranger = new Api(product.baseUrl(), null, null);
        Api.Answer refused = stranger.get("/api/v1/accounts");
        assertEquals(401, refused.status());
        assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());

        Api.Answer bad = api.post("/api/v1/accounts/" + Seeds.CALL_CREATED.accountId() + "/webhooks",
                "{\"event\":\"call.exploded\",\"targetUrl\":\"ftp://nowhere\"}");
        assertEquals(422, bad.status());
        assertTrue(bad.contentType().startsWith("application/problem+json"));
        JsonObject problem = bad.json();
        assertEquals(2, problem.getJsonArray("errors").size());

        Api.Answer noResource = api.get("/api/v1/no-such-thing");
        assertEquals(404, noResource.status(), noResource.body());
        assertTrue(noResource.contentType().startsWith("application/problem+json"),
                "the API's own 404 stays a problem body: " + noResource.contentType() + " " + noResource.body());

        Api.Answer notJson = api.post("/api/v1/accounts", "{not json");
        assertEquals(400, notJson.status(), notJson.body());
        assertFalse(notJson.body().contains("Exception"), "no stack traces to callers");

        assertEquals(404, api.get("/api/v1/accounts/nobody/webhooks").status());

        String openapi = stranger.get("/openapi").body();
        for (String path : List.of("/api/v1/accounts/{accountId}/access/{id}", "/api/v1/accounts/{accountId}/webhooks/{id}/test",
                "/api/v1/events/{event}")) {
            assertTrue(openapi.contains(path), "the OpenAPI document describes " + path);
        }
    }

    @Test
    @Order(2)
    void metricsCountEventsAndDeliveries() throws Exception {
        String metrics = new Api(product.baseUrl(), null, null).get("/metrics").body();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("hcc_events_total{") && l.contains("outcome=\"accepted\"")
                && l.endsWith(" 8.0")), metrics.lines().filter(l -> l.startsWith("hcc_")).toList().toString());
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("hcc_deliveries_total{") && l.contains("outcome=\"succeeded\"")
                && l.endsWith(" 8.0")), metrics.lines().filter(l -> l.startsWith("hcc_")).toList().toString());
        assertTrue(metrics.contains("hcc_deliveries_open"), "the backlog gauge is exported");
        assertTrue(metrics.contains("hcc_attempt_duration_seconds"), "attempt durations are exported");
    }

    /** Near the end: by now the eight seed deliveries have succeeded. */
    @Test
    @Order(Integer.MAX_VALUE - 1)
    void theOverviewShowsWhatHappenedInARealBrowser() throws Exception {
        try (Browser browser = new Browser("admin", Product.ADMIN_PASSWORD)) {
            browser.open(product.baseUrl() + "/");
            WebDriverWait wait = browser.wait;
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("overview:recent")));
            assertEquals("Overview - HCC Webhooks", browser.driver.getTitle());
            assertEquals("2", browser.driver.findElement(By.id("accounts")).getText());
            assertEquals("8", browser.driver.findElement(By.id("succeeded")).getText());
            List<WebElement> rows = browser.driver.findElements(By.cssSelector("#overview\\:recent_data tr"));
            assertEquals(8, rows.size());
            assertTrue(rows.get(0).getText().contains("Succeeded"), rows.get(0).getText());
            String page = browser.driver.getPageSource();
            for (String secret : List.of(BASIC_SECRET, HEADER_KEY, BODY_KEY)) {
                assertFalse(page.contains(secret), "no secret in the page");
            }
            // PrimeFaces ajax works through the admin gate
            browser.driver.findElement(By.id("overview:refresh")).click();
            wait.until(ExpectedConditions.textToBe(By.id("succeeded"), "8"));
            browser.screenshot("overview");
        }
    }

    /** Webhook Settings and Access Setup over the API, on an account of its own; last, since it adds one. */
    @Test
    @Order(Integer.MAX_VALUE)
    void settingsLifecycleOverTheApi() throws Exception {
        String base = "/api/v1/accounts/settings";
        assertEquals(201, api.post("/api/v1/accounts", "{\"accountId\":\"settings\",\"name\":\"Settings\"}").status());
        Api.Answer access = api.post(base + "/access", "{\"type\":\"BASIC\",\"apiName\":\"crm\","
                + "\"authKeyName\":\"Authorization\",\"clientId\":\"u\",\"clientSecret\":\"settings-secret-1\"}");
        long accessId = access.json().getJsonNumber("id").longValue();

        Api.Answer badFilter = api.post(base + "/webhooks", "{\"event\":\"call.created\",\"targetUrl\":\""
                + receiver.url("/settings") + "\",\"filter\":\"camp_id = 235\"}");
        assertEquals(422, badFilter.status());
        assertEquals("filter", badFilter.json().getJsonArray("errors").getJsonObject(0).getString("field"));

        Api.Answer created = api.post(base + "/webhooks", "{\"event\":\"call.created\",\"accessId\":" + accessId
                + ",\"targetUrl\":\"" + receiver.url("/settings") + "\",\"filter\":\"camp_id == 235\"}");
        assertEquals(201, created.status(), created.body());
        long id = created.json().getJsonObject("webhook").getJsonNumber("id").longValue();
        String firstSecret = created.json().getString("signingSecret");
        String hook = base + "/webhooks/" + id;

        // Send test: the documented sample, signed, with the credential, and the answer inline
        Api.Answer test = api.post(hook + "/test", "");
        assertEquals(200, test.status(), test.body());
        assertTrue(test.json().getBoolean("succeeded"), test.body());
        assertEquals(200, test.json().getInt("status"));
        Receiver.Request sample = receiver.await(r -> r.path().equals("/settings"), 1, Duration.ofSeconds(10)).get(0);
        assertEquals(Seeds.CALL_CREATED.json(), sample.body());
        verifyStandardWebhooksSignature(sample, firstSecret);
        String basic = sample.header("Authorization");
        // recorded in the logs as a test: the request the receiver got, one attempt, not to be resent
        String logId = test.json().getString("logId");
        assertEquals(sample.header("webhook-id"), logId);
        JsonObject logged = api.get(base + "/logs/" + logId).json();
        assertTrue(logged.getBoolean("test"), logged.toString());
        assertEquals("SUCCEEDED", logged.getString("status"));
        assertEquals(1, logged.getJsonArray("attempts").size());
        assertEquals(Seeds.CALL_CREATED.json(), logged.getJsonObject("request").getJsonObject("json").toString());
        assertEquals(409, api.post(base + "/logs/" + logId + "/resend", "").status(), "a test is not resent");

        // an update without the secret keeps it
        Api.Answer renamed = api.put(base + "/access/" + accessId, "{\"type\":\"BASIC\",\"apiName\":\"crm2\","
                + "\"authKeyName\":\"Authorization\",\"clientId\":\"u\"}");
        assertEquals(200, renamed.status(), renamed.body());
        assertEquals("setti****", renamed.json().getString("secret"), "17 characters: a third shown");
        assertEquals(409, api.delete(base + "/access/" + accessId).status(), "in use by the webhook");

        // rotation: the new and the old secret both sign for 24 h
        String secondSecret = api.post(hook + "/rotate-secret", "").json().getString("signingSecret");
        assertTrue(api.post(hook + "/test", "").json().getBoolean("succeeded"));
        Receiver.Request rotated = receiver.await(r -> r.path().equals("/settings"), 2, Duration.ofSeconds(10)).get(1);
        assertEquals(basic, rotated.header("Authorization"), "the kept secret still authenticates");
        assertEquals(2, rotated.header("webhook-signature").split(" ").length);
        verifyStandardWebhooksSignature(rotated, secondSecret);
        verifyStandardWebhooksSignature(rotated, firstSecret);

        // the filter decides which events are delivered
        String matching = Seeds.CALL_CREATED.json().replace("\"account_id\":\"12345678\"", "\"account_id\":\"settings\"");
        assertEquals(1, api.post("/api/v1/events/call.created", matching).json().getInt("deliveries"));
        assertEquals(0, api.post("/api/v1/events/call.created", matching.replace("\"camp_id\":235", "\"camp_id\":999"))
                .json().getInt("deliveries"));

        // disable, enable, delete
        String settings = "{\"event\":\"call.created\",\"accessId\":" + accessId + ",\"targetUrl\":\""
                + receiver.url("/settings") + "\",\"filter\":\"camp_id == 235\",\"enabled\":";
        assertFalse(api.put(hook, settings + "false}").json().getBoolean("enabled"));
        assertTrue(api.put(hook, settings + "true}").json().getBoolean("enabled"));
        assertEquals(204, api.delete(hook).status());
        assertEquals(404, api.get(hook).status());
        assertEquals(204, api.delete(base + "/access/" + accessId).status(), "free once its webhook is deleted");
        assertEquals(404, api.get("/api/v1/accounts/12345678/webhooks/" + id).status(), "ids of another account: 404");
    }

    static void verifyStandardWebhooksSignature(Receiver.Request r, String secret) throws Exception {
        // An implementation of https://www.standardwebhooks.com/ verification independent of the product's signer.
        String id = r.header("webhook-id");
        String timestamp = r.header("webhook-timestamp");
        long age = Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp));
        assertTrue(age < 300, "timestamp within tolerance");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(
                mac.doFinal((id + "." + timestamp + "." + r.body()).getBytes(StandardCharsets.UTF_8)));
        boolean matched = false;
        for (String part : r.header("webhook-signature").split(" ")) {
            matched |= part.equals("v1," + expected);
        }
        assertTrue(matched, "signature verifies with the webhook's secret");
    }

    static List<Receiver.Request> byPath(List<Receiver.Request> all, String path) {
        return all.stream().filter(r -> r.path().equals(path)).toList();
    }

    static Connection db() throws Exception {
        return DriverManager.getConnection(Product.mariadbUrl(), "hcc", "hcc");
    }

    static long count(Statement s, String sql) throws Exception {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
