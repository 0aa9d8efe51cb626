package com.hcc.webhooks.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The EAR on a full Payara Server 6 with MariaDB, deployed by the same script operators use
 * (scripts/payara-server.sh): it becomes ready, and one event published over OpenWire is delivered.
 */
class EarOnPayaraServerIT {

    static final String SECRET = "ear-client-secret-4410";
    static Receiver receiver;
    static Map<String, String> env;
    static Path root;
    static Path work;

    @BeforeAll
    static void deploy() throws Exception {
        receiver = new Receiver();
        root = Path.of(System.getProperty("hcc.root")).toRealPath();
        work = Product.work();
        env = new java.util.HashMap<>(Map.of(
                "HCC_SERVER_DIR", work.resolve("payara-server").toString(),
                "HCC_DATA_DIR", Files.createDirectories(work.resolve("server-data-" + System.nanoTime())).toString(),
                "HCC_HTTP_PORT", System.getProperty("it.http.port"),
                "HCC_ADMIN_PORT", System.getProperty("it.admin.port"),
                "HCC_BROKER_OPENWIRE_PORT", System.getProperty("it.openwire.port"),
                "HCC_BROKER_STOMP_PORT", System.getProperty("it.stomp.port"),
                "HCC_DB_URL", Product.mariadbUrl(),
                "HCC_DB_USER", "hcc",
                "HCC_DB_PASSWORD", "hcc",
                "HCC_ADMIN_PASSWORD", Product.ADMIN_PASSWORD));
        env.put("HCC_DELIVERY_ALLOWED_NETWORKS", "127.0.0.0/8"); // the test's receiver is on loopback
        int exit = script("start", Duration.ofMinutes(6));
        assertEquals(0, exit, "scripts/payara-server.sh start failed; see " + work.resolve("payara-server.log"));
    }

    @AfterAll
    static void undeploy() throws Exception {
        if (env != null) {
            script("stop", Duration.ofMinutes(2));
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    static int script(String command, Duration timeout) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(root.resolve("scripts/payara-server.sh").toString(), command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("payara-server.log").toFile()));
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    @Test
    void readyAndDeliversAnEvent() throws Exception {
        String base = "http://127.0.0.1:" + System.getProperty("it.http.port");
        Api api = new Api(base, "admin", Product.ADMIN_PASSWORD);
        jakarta.json.JsonObject health = new Api(base, null, null).get("/health/ready").json();
        assertEquals("UP", health.getString("status"));
        Map<String, String> checks = health.getJsonArray("checks").getValuesAs(jakarta.json.JsonObject.class).stream()
                .collect(java.util.stream.Collectors.toMap(c -> c.getString("name"), c -> c.getString("status")));
        assertEquals(Map.of("application", "UP", "database", "UP", "broker", "UP"), checks);

        String account = Seeds.CALL_SAVED.accountId();
        assertEquals(201, api.post("/api/v1/accounts", "{\"accountId\":\"" + account + "\",\"name\":\"EAR\"}").status());
        Api.Answer access = api.post("/api/v1/accounts/" + account + "/access", "{\"type\":\"BASIC\",\"apiName\":\"crm\","
                + "\"authKeyName\":\"Authorization\",\"clientId\":\"ear\",\"clientSecret\":\"" + SECRET + "\"}");
        assertEquals(201, access.status(), access.body());
        long accessId = access.json().getJsonNumber("id").longValue();
        Api.Answer hook = api.post("/api/v1/accounts/" + account + "/webhooks", "{\"event\":\"call.saved\",\"accessId\":"
                + accessId + ",\"targetUrl\":\"" + receiver.url("/saved") + "\"}");
        assertEquals(201, hook.status(), hook.body());

        Dialer.openWire(Integer.parseInt(System.getProperty("it.openwire.port")), Seeds.CALL_SAVED.event,
                Seeds.CALL_SAVED.json(), Map.of("eventId", "ear-1"));
        List<Receiver.Request> got = receiver.await(r -> r.path().equals("/saved"), 1, Duration.ofSeconds(60));
        Receiver.Request r = got.get(0);
        assertEquals("POST", r.method());
        assertEquals(Seeds.CALL_SAVED.json(), r.body());
        assertEquals("Basic " + Base64.getEncoder().encodeToString(("ear:" + SECRET).getBytes(StandardCharsets.UTF_8)),
                r.header("Authorization"));

        // the portal is served by the EAR's web module, behind its sign-in page
        assertEquals(302, api.get("/").status(), "the portal asks for sign-in");
        Api.Answer signIn = new Api(base, null, null).get("/login.xhtml");
        assertEquals(200, signIn.status());
        assertTrue(signIn.body().contains("Sign in"), signIn.body());
    }
}
