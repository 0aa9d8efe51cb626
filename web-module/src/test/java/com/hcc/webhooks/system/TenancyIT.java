package com.hcc.webhooks.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may see what, table-driven from what the product itself declares, so that a new endpoint or page
 * without a scope check fails this suite: every API operation in the OpenAPI document and every page under
 * src/main/webapp is tried by callers of account A against account B (404, never data), by viewers and read
 * tokens against changes (403), and without credentials (401 / the sign-in page).
 */
class TenancyIT {

    static final String A = "tenant-a";
    static final String B = "tenant-b";
    static final String PASSWORD = "a-long-enough-password";

    static Receiver receiver;
    static Product product;
    static Api operator;
    /** caller name -> Authorization header value */
    static final Map<String, String> callers = new HashMap<>();
    /** account -> (path segment before {id} -> an id of that account) */
    static final Map<String, Map<String, String>> ids = new HashMap<>();
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        receiver = new Receiver();
        product = Product.startOnMariaDb("tenancy", Product.freshDatabase("tenancy"), Map.of(), true);
        operator = product.api();
        for (String account : List.of(A, B)) {
            assertEquals(201, operator.post("/api/v1/accounts", "{\"accountId\":\"" + account + "\",\"name\":\"" + account + "\"}").status());
            Map<String, String> own = new HashMap<>();
            own.put("access", id(operator.post("/api/v1/accounts/" + account + "/access", "{\"type\":\"API_KEY\",\"apiName\":\"k\","
                    + "\"authKeyName\":\"x-api-key\",\"apiKey\":\"key-of-" + account + "-0123456789\"}")));
            own.put("webhooks", operator.post("/api/v1/accounts/" + account + "/webhooks", "{\"event\":\"call.created\",\"targetUrl\":\""
                    + receiver.url("/" + account) + "\"}").json().getJsonObject("webhook").get("id").toString());
            assertEquals(202, operator.post("/api/v1/events/call.created", Seeds.CALL_CREATED.json()
                    .replace("\"account_id\":\"12345678\"", "\"account_id\":\"" + account + "\"")).status());
            receiver.await(r -> r.path().equals("/" + account), 1, Duration.ofSeconds(30));
            own.put("logs", operator.get("/api/v1/accounts/" + account + "/logs").json().getJsonArray("items")
                    .getJsonObject(0).getString("id"));
            ids.put(account, own);
        }
        user("adminA", "ACCOUNT_ADMIN", A);
        user("viewerA", "ACCOUNT_VIEWER", A);
        user("adminB", "ACCOUNT_ADMIN", B);
        callers.put("adminA", basic("adminA", PASSWORD));
        callers.put("viewerA", basic("viewerA", PASSWORD));
        callers.put("readTokenA", "Bearer " + token("READ"));
        callers.put("writeTokenA", "Bearer " + token("WRITE"));
        Api.Answer tokenOfB = new Api(product.baseUrl(), "adminB", PASSWORD).post("/api/v1/accounts/" + B + "/tokens",
                "{\"name\":\"b\",\"scope\":\"READ\"}");
        assertEquals(201, tokenOfB.status(), tokenOfB.body());
        ids.get(B).put("tokens", tokenOfB.json().getJsonObject("token").get("id").toString());
        ids.get(A).put("tokens", operator.get("/api/v1/accounts/" + A + "/tokens").structure().asJsonArray()
                .getJsonObject(0).get("id").toString());
        for (var u : operator.get("/api/v1/users").structure().asJsonArray()) {
            JsonObject o = u.asJsonObject();
            if (o.getString("username").equals("viewerA")) {
                ids.get(A).put("users", o.get("id").toString());
            } else if (o.getString("username").equals("adminB")) {
                ids.get(B).put("users", o.get("id").toString());
            }
        }
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

    /** One API operation: method and path template, as the OpenAPI document lists it. */
    record Operation(String method, String template) {
        boolean writes() {
            return !method.equals("GET");
        }

        String path(String account, Map<String, String> idsOf) {
            String p = template.replace("{accountId}", account).replace("{event}", "call.created");
            if (p.contains("{id}")) {
                String[] parts = template.split("/");
                String segment = null;
                for (int i = 1; i < parts.length; i++) {
                    if (parts[i].equals("{id}")) {
                        segment = parts[i - 1];
                    }
                }
                String id = idsOf.get(segment);
                if (id == null) {
                    throw new AssertionError("no test id for '" + segment + "' in " + template
                            + ": add one to TenancyIT.start, so the new endpoint's scoping is tested");
                }
                p = p.replace("{id}", id);
            }
            return p + (template.endsWith("/recover") ? "?since=2020-01-01T00:00:00Z" : "");
        }
    }

    static List<Operation> operations() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(product.baseUrl() + "/openapi"))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        JsonObject paths = Json.createReader(new StringReader(r.body())).readObject().getJsonObject("paths");
        List<Operation> ops = new ArrayList<>();
        paths.forEach((template, item) -> item.asJsonObject().keySet().stream()
                .filter(m -> List.of("get", "post", "put", "delete", "patch").contains(m))
                .forEach(m -> ops.add(new Operation(m.toUpperCase(), template))));
        assertTrue(ops.size() >= 20, "the OpenAPI document lists the API: " + ops);
        return ops;
    }

    @Test
    void accountACallersNeverReachAccountBsData() throws Exception {
        List<String> checked = new ArrayList<>();
        for (Operation op : operations()) {
            if (!op.template().contains("{accountId}")) {
                continue;
            }
            for (String caller : List.of("adminA", "viewerA", "readTokenA", "writeTokenA")) {
                // B's account in the path
                HttpResponse<String> r = call(op.method(), op.path(B, ids.get(B)), callers.get(caller));
                assertEquals(404, r.statusCode(), caller + " " + op + " on B: " + r.body());
                assertFalse(r.body().contains("key-of-" + B) || r.body().contains(ids.get(B).get("logs")), r.body());
                // A's account in the path, B's object ids
                if (op.template().contains("{id}")) {
                    HttpResponse<String> mixed = call(op.method(), op.path(A, ids.get(B)), callers.get(caller));
                    int expected = !op.writes() || caller.startsWith("admin") || caller.startsWith("write") ? 404 : 403;
                    assertEquals(expected, mixed.statusCode(), caller + " " + op + " with B's id: " + mixed.body());
                }
                checked.add(caller + " " + op.method() + " " + op.template());
            }
        }
        assertTrue(checked.size() >= 4 * 15, checked.toString());
    }

    @Test
    void viewersAndReadTokensChangeNothing() throws Exception {
        for (Operation op : operations()) {
            if (!op.template().contains("{accountId}") || !op.writes()) {
                continue;
            }
            for (String caller : List.of("viewerA", "readTokenA")) {
                HttpResponse<String> r = call(op.method(), op.path(A, ids.get(A)), callers.get(caller));
                assertEquals(403, r.statusCode(), caller + " " + op + ": " + r.body());
                assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            }
        }
        // renaming an account is the platform's: not even the account's admin or write token may
        for (String caller : List.of("adminA", "writeTokenA")) {
            assertEquals(403, call("PUT", "/api/v1/accounts/" + A, callers.get(caller)).statusCode(), caller);
        }
        // and they read: the same callers can list their own account's webhooks
        for (String caller : List.of("viewerA", "readTokenA", "adminA", "writeTokenA")) {
            assertEquals(200, call("GET", "/api/v1/accounts/" + A + "/webhooks", callers.get(caller)).statusCode(), caller);
        }
    }

    @Test
    void withoutCredentialsEveryOperationIs401AndEveryPageAsksToSignIn() throws Exception {
        for (Operation op : operations()) {
            HttpResponse<String> r = call(op.method(), op.path(A, ids.get(A)), null);
            assertEquals(401, r.statusCode(), op + ": " + r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), op.toString());
            assertEquals(401, call(op.method(), op.path(A, ids.get(A)), "Bearer hcc_not-a-token").statusCode(), op.toString());
            assertEquals(401, call(op.method(), op.path(A, ids.get(A)), basic("no-such-user", "wrong-password")).statusCode(), op.toString());
        }
        for (String page : pages()) {
            HttpResponse<String> r = call("GET", page, null);
            assertEquals(302, r.statusCode(), page);
            assertTrue(r.headers().firstValue("Location").orElse("").contains("/login.xhtml"), page);
        }
        assertEquals(200, call("GET", "/login.xhtml", null).statusCode());
        assertEquals(200, call("GET", "/health/ready", null).statusCode());
    }

    @Test
    void accountlessOperationsAreForOperatorsOrScopedToTheCaller() throws Exception {
        for (Operation op : operations()) {
            if (op.template().contains("{accountId}")) {
                continue;
            }
            String path = op.path(A, ids.get(A));
            HttpResponse<String> asViewer = call(op.method(), path, callers.get("viewerA"));
            if (op.method().equals("GET") && op.template().equals("/api/v1/accounts")) {
                assertEquals(200, asViewer.statusCode());
                assertTrue(asViewer.body().contains(A) && !asViewer.body().contains(B), "only their own account: " + asViewer.body());
            } else if (op.template().equals("/api/v1/events/{event}")) {
                assertEquals(403, asViewer.statusCode(), "a viewer publishes nothing");
            } else {
                assertEquals(403, asViewer.statusCode(), op + ": " + asViewer.body());
                assertEquals(403, call(op.method(), path, callers.get("writeTokenA")).statusCode(), op.toString());
            }
        }
        // an account's write token files events under its own account, whatever the body claims
        HttpResponse<String> event = call("POST", "/api/v1/events/call.created", callers.get("writeTokenA"),
                Seeds.CALL_CREATED.json().replace("\"account_id\":\"12345678\"", "\"account_id\":\"" + B + "\"")
                        .replace("\"call_id\":11142", "\"call_id\":777001"));
        assertEquals(202, event.statusCode(), event.body());
        receiver.await(r -> r.path().equals("/" + A) && r.body().contains("777001"), 1, Duration.ofSeconds(30));
        assertEquals(0, operator.get("/api/v1/accounts/" + B + "/logs?search=777001").json().getJsonArray("items").size());
    }

    @Test
    void pagesFollowTheRole() throws Exception {
        Map<String, List<String>> allowed = Map.of(
                "viewerA", List.of("/index.xhtml", "/reports/logs.xhtml"),
                "adminB", List.of("/index.xhtml", "/reports/logs.xhtml", "/webhooks/access.xhtml",
                        "/webhooks/settings.xhtml", "/webhooks/tokens.xhtml"));
        for (Map.Entry<String, List<String>> who : allowed.entrySet()) {
            Portal portal = Portal.signIn(who.getKey(), PASSWORD);
            for (String page : pages()) {
                HttpResponse<String> r = portal.get(page);
                int expected = who.getValue().contains(page) || page.equals("/") ? 200 : 403;
                assertEquals(expected, r.statusCode(), who.getKey() + " " + page);
                if (expected == 200) {
                    String other = who.getKey().endsWith("A") ? B : A;
                    assertFalse(r.body().contains(receiver.url("/" + other)), who.getKey() + " sees another account on " + page);
                    assertFalse(r.body().contains(ids.get(other).get("logs")), who.getKey() + " sees another account's log");
                }
            }
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------

    /** Every page of the portal, from the sources: a new page is checked without touching this test. */
    static List<String> pages() throws Exception {
        Path webapp = Path.of(System.getProperty("hcc.root", ".."), "web-module/src/main/webapp");
        try (Stream<Path> files = Files.walk(webapp)) {
            List<String> pages = new ArrayList<>(files.filter(f -> f.toString().endsWith(".xhtml"))
                    .map(f -> "/" + webapp.relativize(f).toString().replace('\\', '/'))
                    .filter(p -> !p.startsWith("/WEB-INF/") && !p.equals("/login.xhtml")).toList());
            pages.add("/");
            return pages;
        }
    }

    /** A signed-in portal session over plain HTTP: cookies kept by hand (the cookie is Secure; this is loopback). */
    record Portal(String cookie) {
        static Portal signIn(String user, String password) throws Exception {
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(product.baseUrl() + "/login.xhtml")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String cookie = sessionCookie(login);
            Matcher state = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"").matcher(login.body());
            assertTrue(state.find(), "the sign-in page has a view state");
            String form = "login=login&login%3Ausername=" + enc(user) + "&login%3Apassword=" + enc(password)
                    + "&login%3Anext=&login%3AsignIn=&jakarta.faces.ViewState=" + enc(state.group(1));
            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(product.baseUrl() + "/login.xhtml"))
                    .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(302, posted.statusCode(), "signed in as " + user + ": " + posted.body());
            String renewed = sessionCookie(posted);
            return new Portal(renewed == null ? cookie : renewed);
        }

        HttpResponse<String> get(String page) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(product.baseUrl() + page)).header("Cookie", cookie).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        static String sessionCookie(HttpResponse<?> r) {
            return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                    .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElse(null);
        }
    }

    static HttpResponse<String> call(String method, String path, String authorization) throws Exception {
        return call(method, path, authorization, method.equals("GET") || method.equals("DELETE") ? null : "{}");
    }

    static HttpResponse<String> call(String method, String path, String authorization, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(product.baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void user(String name, String role, String account) throws Exception {
        Api.Answer a = operator.post("/api/v1/users", "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD
                + "\",\"role\":\"" + role + "\",\"accountId\":\"" + account + "\"}");
        assertEquals(201, a.status(), a.body());
    }

    static String token(String scope) throws Exception {
        Api.Answer a = new Api(product.baseUrl(), "adminA", PASSWORD).post("/api/v1/accounts/" + A + "/tokens",
                "{\"name\":\"" + scope + "\",\"scope\":\"" + scope + "\"}");
        assertEquals(201, a.status(), a.body());
        return a.json().getString("secret");
    }

    static String id(Api.Answer a) {
        assertTrue(a.status() / 100 == 2, a.body());
        return a.json().get("id").toString();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
