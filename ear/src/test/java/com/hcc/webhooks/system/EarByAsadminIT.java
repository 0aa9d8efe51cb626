package com.hcc.webhooks.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/operations.md, "On an existing Payara Server", as an operator runs it: a domain of the operator's own
 * (created and started with asadmin, as any existing server), then the section's asadmin lines read from the
 * document and run as written, with this test's values in the variables the first lines set: a JDBC resource on
 * the build's MariaDB that the application uses by JNDI name, the settings as system properties, the embedded
 * broker. Then the application is ready on that database and delivers an event.
 */
class EarByAsadminIT {

    static final String SECTION = "## On an existing Payara Server";
    static final String DOMAIN = "existing";

    @Test
    void theDocumentedAsadminLinesDeployTheEarOnAnExistingServer() throws Exception {
        Path root = Path.of(System.getProperty("hcc.root")).toRealPath();
        Path work = Product.work();
        String block = bashBlock(Files.readString(root.resolve("docs/operations.md")));
        int blank = block.indexOf("\n\n");
        String documentedVariables = block.substring(0, blank);
        String commands = block.substring(blank + 2);

        String http = System.getProperty("it.http.port");
        String admin = System.getProperty("it.admin.port");
        String asadmin = run(root, work, Map.of("HCC_SERVER_DIR", work.resolve("payara-server").toString()),
                root.resolve("scripts/payara-server.sh") + " unpack", Duration.ofMinutes(4)).strip();
        asadmin = asadmin.substring(asadmin.lastIndexOf('\n') + 1);
        Path domains = work.resolve("existing-domains");
        String base = "--domaindir " + domains;
        int portBase = Integer.parseInt(admin) + 100;
        String asadminAtPort = asadmin + " --interactive=false --port " + admin;
        Path data = Files.createDirectories(work.resolve("existing-data-" + System.nanoTime()));
        Map<String, String> values = Map.of(
                "ASADMIN", asadminAtPort,
                "DB_HOST", "127.0.0.1", "DB_PORT", System.getProperty("it.db.port"), "DB_NAME", "hcc_asadmin",
                "DB_USER", "hcc", "DB_PASSWORD", "hcc",
                "DATA_DIR", data.toString(),
                "BROKER", "ServerUrl=vm\\://hcc?create\\=false&waitForStart\\=60000&jms.prefetchPolicy.queuePrefetch\\=40"
                        + ":BrokerXmlConfig=xbean\\:hcc-broker.xml",
                "MARIADB_JAR", "web-module/target/runtime/mariadb-java-client.jar",
                "RAR", "web-module/target/runtime/activemq-rar.rar");
        Set<String> documented = variables(documentedVariables);
        Set<String> given = new LinkedHashSet<>(values.keySet());
        given.add("EAR");
        assertEquals(documented, given, "the test sets exactly the variables the document's first lines set");
        StringBuilder prelude = new StringBuilder("set -euo pipefail\n");
        values.forEach((k, v) -> prelude.append(k).append("='").append(v).append("'\n"));
        prelude.append("EAR=ear/target/hcc-webhooks.ear\n");

        Product.freshDatabase("asadmin");
        try (Receiver receiver = new Receiver()) {
            // the operator's existing server: a domain of its own, started
            run(root, work, Map.of(), asadmin + " --interactive=false create-domain --nopassword=true --checkports=false"
                    + " --adminport " + admin + " --instanceport " + http + " --domainproperties "
                    + "jms.port=" + (portBase + 1) + ":domain.jmxPort=" + (portBase + 2) + ":orb.listener.port="
                    + (portBase + 3) + ":http.ssl.port=" + (portBase + 4) + ":orb.ssl.port=" + (portBase + 5)
                    + ":orb.mutualauth.port=" + (portBase + 6) + ":java.debugger.port=" + (portBase + 7)
                    + ":osgi.shell.telnet.port=" + (portBase + 8) + " " + base + " " + DOMAIN, Duration.ofMinutes(2));
            run(root, work, Map.of(), asadmin + " --interactive=false start-domain " + base + " " + DOMAIN,
                    Duration.ofMinutes(3));
            try {
                // this test's own settings, the way the section says other settings are given
                run(root, work, Map.of(), asadminAtPort + " create-system-properties"
                        + " hcc.admin-password=" + Product.ADMIN_PASSWORD
                        + ":hcc.delivery.allowed-networks=127.0.0.0/8"
                        + ":hcc.broker.openwire-port=" + System.getProperty("it.openwire.port")
                        + ":hcc.broker.stomp-port=" + System.getProperty("it.stomp.port"), Duration.ofMinutes(1));
                run(root, work, Map.of(), prelude + commands, Duration.ofMinutes(6));

                String url = "http://127.0.0.1:" + http;
                String health = awaitReady(url);
                assertTrue(health.contains("\"schemaVersion\""), health);
                Path log = domains.resolve(DOMAIN).resolve("logs/server.log");
                String serverLog = Files.readString(log, StandardCharsets.UTF_8);
                assertTrue(serverLog.contains("data source jdbc/hcc"), "the migrations ran on the JDBC resource");
                assertTrue(serverLog.contains("Persistence unit on the server's JDBC resource jdbc/hcc"),
                        "the entities use the JDBC resource");

                Api api = new Api(url, "admin", Product.ADMIN_PASSWORD);
                String account = Seeds.CALL_SAVED.accountId();
                assertEquals(201, api.post("/api/v1/accounts", "{\"accountId\":\"" + account + "\",\"name\":\"Asadmin\"}").status());
                long access = api.post("/api/v1/accounts/" + account + "/access", "{\"type\":\"API_KEY\",\"apiName\":\"k\","
                        + "\"authKeyName\":\"x-api-key\",\"apiKey\":\"asadmin-key-2048\"}").json().getJsonNumber("id").longValue();
                assertEquals(201, api.post("/api/v1/accounts/" + account + "/webhooks", "{\"event\":\"call.saved\",\"accessId\":"
                        + access + ",\"targetUrl\":\"" + receiver.url("/saved") + "\"}").status());
                Dialer.openWire(Integer.parseInt(System.getProperty("it.openwire.port")), Seeds.CALL_SAVED.event,
                        Seeds.CALL_SAVED.json(), Map.of());
                List<Receiver.Request> got = receiver.await(r -> r.path().equals("/saved"), 1, Duration.ofSeconds(60));
                assertEquals(Seeds.CALL_SAVED.json(), got.get(0).body());

                // and the rows are in the resource's database, not in a database of the application's own
                try (java.sql.Connection c = java.sql.DriverManager.getConnection(Product.mariadbUrl("hcc_asadmin"), "hcc", "hcc");
                     java.sql.ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM account")) {
                    assertTrue(r.next());
                    assertEquals(1, r.getInt(1), "the account was stored through jdbc/hcc");
                }
            } finally {
                run(root, work, Map.of(), asadmin + " --interactive=false stop-domain " + base + " " + DOMAIN,
                        Duration.ofMinutes(2));
            }
        }
    }

    /** The first ```bash block of the section. */
    static String bashBlock(String doc) {
        int start = doc.indexOf(SECTION);
        assertTrue(start >= 0, "docs/operations.md has the section " + SECTION);
        Matcher m = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL).matcher(doc.substring(start));
        assertTrue(m.find(), "the section has a bash block");
        return m.group(1);
    }

    /** The names the lines assign, e.g. {@code A=1 B=2 # c} gives A and B. */
    static Set<String> variables(String lines) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?:^|\\s)([A-Z_]+)=").matcher(lines.replaceAll("#[^\\n]*", "").replaceAll("'[^']*'", "''"));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static String awaitReady(String url) throws Exception {
        Api anonymous = new Api(url, null, null);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                Api.Answer a = anonymous.get("/health/ready");
                last = a.status() + " " + a.body();
                if (a.status() == 200 && a.body().replace(" ", "").contains("\"name\":\"database\"")) {
                    return a.body();
                }
            } catch (java.io.IOException e) {
                last = e.toString();
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("not ready: " + last);
    }

    private static String run(Path root, Path work, Map<String, String> env, String script, Duration timeout)
            throws Exception {
        Path out = work.resolve("asadmin-" + System.nanoTime() + ".log");
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        pb.environment().putAll(env);
        pb.environment().keySet().removeIf(k -> k.startsWith("HCC_") && !env.containsKey(k));
        Process p = pb.start();
        List<String> problems = new ArrayList<>();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            problems.add("timed out");
        } else if (p.exitValue() != 0) {
            problems.add("exit " + p.exitValue());
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(problems.isEmpty(), problems + " running:\n" + script + "\n---\n" + output);
        return output;
    }
}
