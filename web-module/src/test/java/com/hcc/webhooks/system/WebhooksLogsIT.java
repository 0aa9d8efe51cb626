package com.hcc.webhooks.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Reports -> Webhooks Logs, on the product with MariaDB: the API (each filter, cursor paging, the expanded
 * view against what the receiver got, CSV, resend, recover, other accounts' rows answering 404), and the
 * page in headless Chromium (each filter, an expanded row, resend, bulk resend after an outage, CSV export).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhooksLogsIT {

    static final String A = "12345678";
    static final String B = "87654321";
    static final String BASIC_SECRET = "test1234567890-basic-secret";
    static final String BODY_KEY = "body-key-0123456789abcdef";
    /** The second call: another call_id, lead_id and phone to search for. */
    static final long CALL_2 = 22222;
    static final long LEAD_2 = 77777;
    static final String PHONE_2 = "2145550000";

    static Receiver receiver;
    static Product product;
    static Api api;
    static Instant started;
    static final Map<String, Long> webhooks = new java.util.HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        started = Instant.now().minusSeconds(1);
        receiver = new Receiver();
        receiver.answer("/regf", 503);
        receiver.answer("/saved-down", 503);
        // two attempts, a second apart, then failed for good
        product = Product.startOnMariaDb("logs", Product.freshDatabase("logs"),
                Map.of("HCC_DELIVERY_RETRY_SCHEDULE", "0s,1s"), true);
        api = product.api();
        for (String account : List.of(A, B)) {
            assertEquals(201, api.post("/api/v1/accounts", "{\"accountId\":\"" + account + "\",\"name\":\"" + account + "\"}").status());
        }
        long basic = api.post("/api/v1/accounts/" + A + "/access", "{\"type\":\"BASIC\",\"apiName\":\"crm\","
                + "\"authKeyName\":\"Authorization\",\"clientId\":\"test123\",\"clientSecret\":\"" + BASIC_SECRET + "\"}")
                .json().getJsonNumber("id").longValue();
        long body = api.post("/api/v1/accounts/" + A + "/access", "{\"type\":\"API_KEY\",\"apiName\":\"body-key\","
                + "\"authKeyName\":\"api_key\",\"apiKey\":\"" + BODY_KEY + "\",\"headerLocation\":\"BODY\"}")
                .json().getJsonNumber("id").longValue();
        webhook(A, "created", "call.created", basic);
        webhook(A, "ended", "call.ended", null);
        webhook(A, "saved", "call.saved", body);
        webhook(A, "saved-down", "call.saved", null);
        webhook(A, "regf", "lead.reg_f_blocked", null);
        webhook(B, "b", "call.created", null);

        for (Seeds s : Seeds.values()) {
            // the Reg F seed belongs to account 1234: file it under A like the others
            String json = s.json().replaceFirst("\"account_id\":\"[^\"]*\"", "\"account_id\":\"" + A + "\"");
            assertEquals(202, api.post("/api/v1/events/" + s.event, json).status(), s.event);
        }
        for (Seeds s : List.of(Seeds.CALL_CREATED, Seeds.CALL_ENDED)) {
            assertEquals(202, api.post("/api/v1/events/" + s.event, secondCall(s.json())).status());
        }
        assertEquals(202, api.post("/api/v1/events/call.created", Seeds.CALL_CREATED.json()
                .replace("\"account_id\":\"" + A + "\"", "\"account_id\":\"" + B + "\"")).status());
        // a broken body that names its account: rejected, and shown in that account's logs
        assertEquals(422, api.post("/api/v1/events/call.saved", "{\"account_id\":\"" + A + "\",\"call_id\":11142,").status());

        receiver.await(r -> r.path().equals("/created"), 2, Duration.ofSeconds(30));
        receiver.await(r -> r.path().equals("/ended"), 2, Duration.ofSeconds(30));
        receiver.await(r -> r.path().equals("/saved"), 1, Duration.ofSeconds(30));
        receiver.await(r -> r.path().equals("/b"), 1, Duration.ofSeconds(30));
        receiver.await(r -> r.path().equals("/regf"), 2, Duration.ofSeconds(30));
        receiver.await(r -> r.path().equals("/saved-down"), 2, Duration.ofSeconds(30));
        awaitCount("status=failed", 2);
        awaitCount("status=succeeded", 5);
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

    // --- API -------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void everyFilterOfTheApiNarrowsToTheRightRows() throws Exception {
        assertEquals(8, ids("").size(), "7 deliveries and 1 rejected event");
        assertEquals(Set.of("call.ended"), field("event=call.ended", "event"));
        assertEquals(2, ids("event=call.ended").size());
        assertEquals(Set.of(webhooks.get("created").toString()), field("webhookId=" + webhooks.get("created"), "webhookId"));
        assertEquals(2, ids("webhookId=" + webhooks.get("created")).size());
        assertEquals(Set.of("FAILED"), field("status=failed", "status"));
        assertEquals(1, ids("status=rejected").size());
        assertTrue(ids("status=rejected").get(0).startsWith("rej_"));
        assertEquals(2, ids("search=" + CALL_2).size(), "call_id");
        assertEquals(2, ids("search=" + LEAD_2).size(), "lead_id");
        assertEquals(2, ids("search=" + enc("(214) 555-0000")).size(), "phone, however it is written");
        assertEquals(Set.of(PHONE_2), field("search=" + PHONE_2, "phone"));
        String one = ids("webhookId=" + webhooks.get("saved")).get(0);
        assertEquals(List.of(one), ids("search=" + one), "by webhook-id");
        assertEquals(Set.of(receiver.url("/saved-down")), field("search=saved-down", "targetUrl"), "free text: a URL");
        assertEquals(Set.of("503"), field("responseCode=503", "lastStatusCode"));
        assertEquals(ids("status=failed"), ids("responseCode=503"), "both failing endpoints answered 503");
        assertEquals(ids("status=rejected"), ids("search=" + enc("NOT VALID json")), "a rejected event, by its reason");
        assertEquals(422, api.get(logs("responseCode=5xx")).status());
        assertEquals(0, ids("to=" + enc(started.minusSeconds(3600).toString())).size());
        assertEquals(8, ids("from=" + enc(started.minusSeconds(60).toString()) + "&to=" + enc(Instant.now().plusSeconds(60).toString())).size());
        assertEquals(0, ids("from=" + enc(Instant.now().plusSeconds(60).toString()) + "&to=" + enc(Instant.now().plusSeconds(120).toString())).size());
    }

    @Test
    @Order(2)
    void cursorPagingVisitsEveryRowOnceInBothOrders() throws Exception {
        List<String> all = ids("");
        for (String order : List.of("desc", "asc")) {
            List<String> paged = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                JsonObject page = api.get(logs("limit=3&order=" + order + (cursor == null ? "" : "&cursor=" + cursor))).json();
                page.getJsonArray("items").forEach(v -> paged.add(v.asJsonObject().getString("id")));
                cursor = page.containsKey("nextCursor") && !page.isNull("nextCursor") ? page.getString("nextCursor") : null;
                pages++;
            } while (cursor != null);
            assertEquals(3, pages, order);
            assertEquals(order.equals("desc") ? all : reversed(all), paged, order);
        }
    }

    @Test
    @Order(3)
    void anExpandedDeliveryShowsExactlyWhatTheReceiverGotWithSecretsMasked() throws Exception {
        Receiver.Request got = receiver.await(r -> r.path().equals("/created"), 1, Duration.ofSeconds(1)).get(0);
        JsonObject detail = api.get(logs("") .replace("?", "/" + got.header("webhook-id") + "?")).json();
        JsonObject request = detail.getJsonObject("request");
        assertEquals(parse(got.body()), request.getJsonObject("json"));
        assertEquals(new ArrayList<>(parse(got.body()).keySet()), new ArrayList<>(request.getJsonObject("json").keySet()),
                "field order as sent");
        JsonObject headers = request.getJsonObject("headers");
        for (String name : List.of("webhook-id", "webhook-timestamp", "webhook-signature", "Content-Type", "User-Agent")) {
            assertEquals(got.header(name), headers.getString(name), name);
        }
        String authorization = headers.getString("Authorization");
        assertTrue(authorization.startsWith("Basic ") && authorization.endsWith("****"), authorization);
        assertNotEquals(got.header("Authorization"), authorization);
        assertEquals(200, detail.getJsonObject("response").getInt("status"));
        assertEquals("{\"received\":true}", detail.getJsonObject("response").getString("body"));
        assertEquals(1, detail.getJsonArray("attempts").size());

        // API key in the body: the report shows the body as sent, the key masked
        Receiver.Request saved = receiver.await(r -> r.path().equals("/saved"), 1, Duration.ofSeconds(1)).get(0);
        JsonObject savedJson = api.get(logs("").replace("?", "/" + saved.header("webhook-id") + "?")).json()
                .getJsonObject("request").getJsonObject("json");
        assertEquals(BODY_KEY, parse(saved.body()).getString("api_key"));
        assertEquals("body-ke****", savedJson.getString("api_key"));
        assertFalse(api.get(logs("")).body().contains(BODY_KEY));

        // a failed one: every attempt, with when the next was planned
        String failed = ids("webhookId=" + webhooks.get("regf")).get(0);
        JsonObject f = api.get(logs("").replace("?", "/" + failed + "?")).json();
        assertEquals(2, f.getJsonArray("attempts").size());
        assertFalse(f.getJsonArray("attempts").getJsonObject(0).isNull("nextAttemptAt"));
        assertTrue(f.getJsonArray("attempts").getJsonObject(1).isNull("nextAttemptAt"));
        assertEquals("Failed (503)", f.getJsonArray("attempts").getJsonObject(1).getString("outcome"));

        // a rejected event: its reason and the body as received
        JsonObject rejected = api.get(logs("").replace("?", "/" + ids("status=rejected").get(0) + "?")).json();
        assertTrue(rejected.getString("rejectReason").contains("not valid JSON"), rejected.toString());
        assertEquals("{\"account_id\":\"" + A + "\",\"call_id\":11142,", rejected.getString("rawBody"));
    }

    @Test
    @Order(4)
    void csvHasOneLinePerFilteredRow() throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(product.baseUrl() + logs("event=call.created")))
                        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                                ("admin:" + Product.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                        .header("Accept", "text/csv").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        List<String> lines = r.body().lines().toList();
        assertEquals("time,id,event,webhook_id,api_name,target_url,call_id,lead_id,phone,status,attempts,last_response_code,latency_ms,error",
                lines.get(0));
        assertEquals(Set.copyOf(ids("event=call.created")), lines.stream().skip(1).map(l -> l.split(",")[1]).collect(Collectors.toSet()));
    }

    @Test
    @Order(5)
    void badRequestsAreRefusedWithAProblemNamingTheField() throws Exception {
        Api.Answer bad = api.get(logs("status=lost&search=" + enc("call me ".repeat(30)) + "&from=yesterday&responseCode=1000"));
        assertEquals(422, bad.status());
        assertTrue(bad.contentType().startsWith("application/problem+json"));
        Set<String> fields = bad.json().getJsonArray("errors").stream().map(e -> e.asJsonObject().getString("field"))
                .collect(Collectors.toSet());
        assertEquals(Set.of("status", "search", "from", "responseCode"), fields);
        assertEquals(422, api.get(logs("cursor=bm9wZQ")).status());
        assertEquals(422, api.get(logs("limit=0")).status());
        assertEquals(422, api.post("/api/v1/accounts/" + A + "/webhooks/" + webhooks.get("regf") + "/recover", "").status());
        assertEquals(404, api.get("/api/v1/accounts/nobody/logs").status());
        assertEquals(404, api.get(logs("").replace("?", "/msg_nothing?")).status());
    }

    @Test
    @Order(6)
    void anotherAccountsRowsAreNotFound() throws Exception {
        String ofA = ids("webhookId=" + webhooks.get("created")).get(0);
        String rejectedOfA = ids("status=rejected").get(0);
        for (String id : List.of(ofA, rejectedOfA)) {
            assertEquals(404, api.get("/api/v1/accounts/" + B + "/logs/" + id).status(), id);
            assertEquals(404, api.post("/api/v1/accounts/" + B + "/logs/" + id + "/resend", "").status(), id);
        }
        assertEquals(404, api.post("/api/v1/accounts/" + B + "/webhooks/" + webhooks.get("created")
                + "/recover?since=" + enc(started.toString()), "").status());
        List<String> ofB = api.get("/api/v1/accounts/" + B + "/logs").json().getJsonArray("items").stream()
                .map(v -> v.asJsonObject().getString("id")).toList();
        assertEquals(1, ofB.size());
        assertFalse(ids("").contains(ofB.get(0)));
        assertEquals(1, api.get("/api/v1/accounts/" + B + "/logs?search=11142").json().getJsonArray("items").size());
    }

    // --- the page --------------------------------------------------------------------------------------

    @Test
    @Order(10)
    void thePageFiltersExpandsResendsRecoversAndExports() throws Exception {
        try (Browser browser = new Browser("admin", Product.ADMIN_PASSWORD)) {
            WebDriver d = browser.driver;
            browser.open(product.baseUrl() + "/reports/logs.xhtml");
            assertEquals("Webhooks Logs - HCC Webhooks", d.getTitle());
            assertEquals("8 rows", rowCount(browser));
            browser.screenshot("webhooks-logs");

            // each filter
            browser.choose("filters:event", "Call Ended");
            assertEquals(2, apply(browser));
            assertTrue(tableText(d).contains("Call Ended") && !tableText(d).contains("Call Created"));
            browser.choose("filters:event", "All events");
            browser.choose("filters:webhook", receiver.url("/created") + " (Call Created)");
            assertEquals(2, apply(browser));
            browser.choose("filters:webhook", "All webhooks");
            browser.choose("filters:status", "Failed");
            assertEquals(2, apply(browser));
            browser.choose("filters:status", "Rejected");
            assertEquals(1, apply(browser));
            browser.choose("filters:status", "All statuses");
            for (String search : List.of(Long.toString(CALL_2), Long.toString(LEAD_2), "214-555-0000")) {
                browser.type("filters:search", search);
                assertEquals(2, apply(browser), search);
            }
            // free text: a URL's, an API name's or an error's; a response code
            browser.type("filters:search", "SAVED-down");
            assertEquals(ids("webhookId=" + webhooks.get("saved-down")).size(), apply(browser), "a URL's text, any case");
            browser.type("filters:search", "not in any url");
            assertEquals(0, apply(browser));
            browser.type("filters:search", "x".repeat(201));
            browser.click("filters:apply");
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("filters"), "is too long"));
            browser.type("filters:search", "");
            browser.type("filters:responseCode", "503");
            assertEquals(2, apply(browser), "the two webhooks whose endpoints answer 503");
            assertTrue(d.getCurrentUrl().contains("responseCode=503"), d.getCurrentUrl());
            browser.type("filters:responseCode", "");
            // a range that ends before it starts: the message sits beside the field
            typeDate(browser, "filters:to_input", "2020-01-01 00:00");
            browser.click("filters:apply");
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("filters"), "must be earlier than the 'to' time"));
            typeDate(browser, "filters:from_input", "2019-12-31 00:00");
            assertEquals(0, apply(browser));
            assertTrue(tableText(d).contains("Nothing in this range"));
            browser.click("filters:reset");
            browser.awaitAjax();
            browser.wait.until(ExpectedConditions.textToBe(By.cssSelector("#logs .ui-paginator-current"), "8 rows"));

            // expand a delivery: the request as the documentation shows it, then its response and attempts
            Receiver.Request got = receiver.await(r -> r.path().equals("/created")
                    && r.body().contains("\"call_id\":11142"), 1, Duration.ofSeconds(1)).get(0);
            String messageId = got.header("webhook-id");
            browser.type("filters:search", messageId);
            assertEquals(1, apply(browser));
            JsonObject shown = expandFirstRow(browser);
            assertEquals(parse(got.body()), shown.getJsonObject("json"));
            JsonObject headers = shown.getJsonObject("headers");
            assertEquals(messageId, headers.getString("webhook-id"));
            assertEquals(got.header("webhook-signature"), headers.getString("webhook-signature"));
            assertTrue(headers.getString("Authorization").endsWith("****"));
            assertFalse(d.getPageSource().contains(BASIC_SECRET));
            assertTrue(d.findElement(By.cssSelector(".hcc-response-status")).getText().equals("200"));
            ((org.openqa.selenium.JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView()",
                    d.findElement(By.cssSelector("#logs\\:table thead")));
            browser.screenshot("webhooks-logs-expanded");

            // resend it: a new attempt with the same webhook-id
            int before = receiver.await(r -> messageId.equals(r.header("webhook-id")), 1, Duration.ofSeconds(1)).size();
            browser.click("logs:table:0:resend");
            browser.click("logs:confirmYes");
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("growl_container"), "Resending"));
            receiver.await(r -> messageId.equals(r.header("webhook-id")), before + 1, Duration.ofSeconds(20));
            browser.wait.until(x -> {
                browser.click("filters:apply");
                browser.awaitAjax();
                expandFirstRow(browser);
                return x.findElements(By.cssSelector(".hcc-attempts tbody tr")).size() == before + 1;
            });

            // a rejected event expands to its reason and raw body
            browser.type("filters:search", "");
            browser.choose("filters:status", "Rejected");
            assertEquals(1, apply(browser));
            browser.driver.findElement(By.cssSelector("#logs\\:table .ui-row-toggler")).click();
            WebElement reason = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".hcc-reject-reason")));
            assertTrue(reason.getText().contains("not valid JSON"));
            assertEquals("{\"account_id\":\"" + A + "\",\"call_id\":11142,", d.findElement(By.cssSelector(".hcc-raw")).getText());
            browser.choose("filters:status", "All statuses");
            apply(browser);

            // the receiver's outage is over: resend every failed delivery of the Reg F webhook
            receiver.answer("/regf", 200);
            browser.click("filters:recoverOpen");
            browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("recoverForm:recoverWebhook")));
            browser.choose("recoverForm:recoverWebhook", receiver.url("/regf") + " (Reg F Blocked Lead)");
            browser.click("recoverForm:recover");
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("recoverForm"), "1 deliveries queued again"));
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("recoverForm:recoveryBar"), "100% sent"));
            receiver.await(r -> r.path().equals("/regf"), 3, Duration.ofSeconds(20));
            assertEquals(Set.of("SUCCEEDED"), field("webhookId=" + webhooks.get("regf"), "status"));
            d.findElement(By.cssSelector("#recoverDialog .ui-dialog-titlebar-close")).click();

            // CSV of the filtered rows
            browser.choose("filters:event", "Call Created");
            assertEquals(2, apply(browser));
            browser.click("filters:export");
            Path csv = awaitDownload(browser.downloads);
            List<String> lines = Files.readAllLines(csv);
            assertEquals(3, lines.size(), lines.toString());
            assertEquals(Set.copyOf(ids("event=call.created")),
                    lines.stream().skip(1).map(l -> l.split(",")[1]).collect(Collectors.toSet()));
        }
    }

    // --- API actions (they change the rows, so they come last) -----------------------------------------

    @Test
    @Order(20)
    void resendAndRecoverOverTheApi() throws Exception {
        String id = ids("webhookId=" + webhooks.get("ended")).get(0);
        int before = receiver.await(r -> id.equals(r.header("webhook-id")), 1, Duration.ofSeconds(1)).size();
        Api.Answer resent = api.post(logs("").replace("?", "/" + id + "/resend?"), "");
        assertEquals(202, resent.status());
        assertEquals(id, resent.json().getString("id"));
        receiver.await(r -> id.equals(r.header("webhook-id")), before + 1, Duration.ofSeconds(20));

        assertEquals(409, api.post(logs("").replace("?", "/" + ids("status=rejected").get(0) + "/resend?"), "").status());

        receiver.answer("/saved-down", 200);
        Api.Answer recovered = api.post("/api/v1/accounts/" + A + "/webhooks/" + webhooks.get("saved-down")
                + "/recover?since=" + enc(started.toString()), "");
        assertEquals(202, recovered.status());
        assertEquals(1, recovered.json().getInt("requeued"));
        receiver.await(r -> r.path().equals("/saved-down"), 3, Duration.ofSeconds(20));
        awaitCount("status=failed", 0);
        JsonObject detail = api.get(logs("").replace("?", "/" + ids("webhookId=" + webhooks.get("saved-down")).get(0) + "?")).json();
        assertEquals(3, detail.getJsonArray("attempts").size(), "the timeline keeps every attempt");
        assertEquals(1, Set.copyOf(detail.getJsonArray("attempts").stream()
                .map(a -> a.asJsonObject().getJsonObject("requestHeaders").getString("webhook-id")).toList()).size());

        // a disabled webhook is not resent into: the answer says what to do
        String disabled = "{\"event\":\"lead.reg_f_blocked\",\"targetUrl\":\"" + receiver.url("/regf") + "\",\"enabled\":false}";
        assertEquals(200, api.put("/api/v1/accounts/" + A + "/webhooks/" + webhooks.get("regf"), disabled).status());
        Api.Answer refused = api.post("/api/v1/accounts/" + A + "/webhooks/" + webhooks.get("regf")
                + "/recover?since=" + enc(started.toString()), "");
        assertEquals(409, refused.status());
        assertTrue(refused.json().getString("detail").contains("enable it"));
    }

    @Test
    @Order(21)
    void theOverviewChartsTheDayAndSaysWhichWebhooksNeedAttention() throws Exception {
        try (Browser browser = new Browser("admin", Product.ADMIN_PASSWORD)) {
            WebDriver d = browser.driver;
            browser.open(product.baseUrl() + "/index.xhtml");
            browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#overview\\:hourly canvas")));
            long bars = (Long) ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                    "var el = document.querySelector('#overview\\\\:hourly canvas');"
                            + "var c = window.Chart && Chart.getChart ? Chart.getChart(el) : PF('hourlyChart').chart; var n = 0;"
                            + "c.data.datasets.forEach(function (s) { s.data.forEach(function (v) { n += v; }); }); return n;");
            assertEquals(7L, bars, "every delivery of the account in today's bars");
            String attention = d.findElement(By.id("overview:attention")).getText();
            assertTrue(attention.contains(receiver.url("/regf")) && attention.contains("Disabled"), attention);
            String health = d.findElement(By.id("overview:webhookHealth")).getText();
            assertTrue(health.lines().anyMatch(l -> l.contains(receiver.url("/created")) || l.contains("100%")), health);
            assertTrue(health.contains("100%"), health);
            browser.screenshot("overview");
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------

    static void webhook(String account, String path, String event, Long access) throws Exception {
        Api.Answer a = api.post("/api/v1/accounts/" + account + "/webhooks", "{\"event\":\"" + event + "\",\"targetUrl\":\""
                + receiver.url("/" + path) + "\"" + (access == null ? "" : ",\"accessId\":" + access) + "}");
        assertEquals(201, a.status(), a.body());
        webhooks.put(path, a.json().getJsonObject("webhook").getJsonNumber("id").longValue());
    }

    static String secondCall(String json) {
        return json.replace("\"call_id\":11142", "\"call_id\":" + CALL_2).replace("\"lead_id\":65439", "\"lead_id\":" + LEAD_2)
                .replace("\"phone\":\"9725550138\"", "\"phone\":\"" + PHONE_2 + "\"");
    }

    static String logs(String query) {
        return "/api/v1/accounts/" + A + "/logs?" + query;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static List<String> ids(String query) throws Exception {
        Api.Answer a = api.get(logs("limit=500&" + query));
        assertEquals(200, a.status(), a.body());
        return a.json().getJsonArray("items").stream().map(v -> v.asJsonObject().getString("id")).toList();
    }

    static Set<String> field(String query, String name) throws Exception {
        Set<String> values = new HashSet<>();
        api.get(logs("limit=500&" + query)).json().getJsonArray("items").forEach(v -> {
            JsonValue f = v.asJsonObject().get(name);
            values.add(f instanceof JsonString s ? s.getString() : String.valueOf(f));
        });
        return values;
    }

    static void awaitCount(String query, int n) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (ids(query).size() != n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(query + ": expected " + n + ", got " + ids(query));
            }
            Thread.sleep(200);
        }
    }

    static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    static List<String> reversed(List<String> list) {
        List<String> r = new ArrayList<>(list);
        java.util.Collections.reverse(r);
        return r;
    }

    static String rowCount(Browser browser) {
        return browser.driver.findElement(By.cssSelector("#logs .ui-paginator-current")).getText();
    }

    static String tableText(WebDriver d) {
        return d.findElement(By.id("logs:table")).getText();
    }

    /** Applies the filters; the number of rows the table says it has. */
    static int apply(Browser browser) {
        browser.click("filters:apply");
        browser.awaitAjax();
        String text = rowCount(browser);
        return Integer.parseInt(text.replaceAll("[^0-9]", ""));
    }

    /** Fills a date picker's input without focusing it (focus opens its calendar over the buttons). */
    static void typeDate(Browser browser, String id, String text) {
        ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript(
                "document.getElementById(arguments[0]).value = arguments[1]", id, text);
    }

    /** Expands the first row (the table keeps a row expanded across its updates: a second click would close it). */
    static JsonObject expandFirstRow(Browser browser) {
        WebElement toggler = browser.driver.findElement(By.cssSelector("#logs\\:table .ui-row-toggler"));
        if (!"true".equals(toggler.getAttribute("aria-expanded"))) {
            toggler.click();
        }
        WebElement pre = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".hcc-document")));
        browser.awaitAjax();
        return parse(pre.getText());
    }

    static Path awaitDownload(Path dir) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try (var files = Files.list(dir)) {
                List<Path> done = files.filter(f -> f.toString().endsWith(".csv")).toList();
                if (!done.isEmpty()) {
                    Path target = Files.createTempFile(Product.work(), "export-", ".csv");
                    return Files.copy(done.get(0), target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no CSV downloaded into " + dir);
    }
}
