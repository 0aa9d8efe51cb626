package com.hcc.webhooks.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The built product, started the way a user starts it ({@code ./hcc run}), on ports and a data directory of
 * the test's own. Only loopback.
 */
public final class Product implements AutoCloseable {

    public static final String ADMIN_PASSWORD = "it-admin-password-9f3c";

    private final Process process;
    private final Path log;
    public final int httpPort;
    public final int openwirePort;
    public final int stompPort;

    private Product(Process process, Path log, int httpPort, int openwirePort, int stompPort) {
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
        this.openwirePort = openwirePort;
        this.stompPort = stompPort;
    }

    public static int port(String name) {
        return Integer.parseInt(System.getProperty(name));
    }

    /** Deletes a directory and everything in it, if it exists. */
    public static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    public static Path work() throws IOException {
        return Files.createDirectories(Path.of(System.getProperty("it.work", "target/it")));
    }

    /** MariaDB of the module's integration tests (started by the build). */
    public static String mariadbUrl() {
        return mariadbUrl("hcc");
    }

    public static String mariadbUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port("it.db.port") + "/" + database;
    }

    /** An empty database of its own for one test class, so tests never see each other's rows. */
    public static String freshDatabase(String name) throws Exception {
        String database = "hcc_" + name;
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(mariadbUrl("hcc"), "hcc", "hcc");
             java.sql.Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database);
            s.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        return mariadbUrl(database);
    }

    public static Product startOnMariaDb(String name, Map<String, String> extraEnv) throws Exception {
        return startOnMariaDb(name, mariadbUrl(), extraEnv, true);
    }

    public static Product startOnMariaDb(String name, String url, Map<String, String> extraEnv, boolean fresh)
            throws Exception {
        Map<String, String> env = new java.util.HashMap<>(extraEnv);
        env.put("HCC_DB_URL", url);
        env.put("HCC_DB_USER", "hcc");
        env.put("HCC_DB_PASSWORD", "hcc");
        return start(name, env, fresh);
    }

    public static Product start(String name, Map<String, String> extraEnv) throws Exception {
        return start(name, extraEnv, true);
    }

    /** @param fresh wipe the data directory first; false to start again on what a previous run left */
    public static Product start(String name, Map<String, String> extraEnv, boolean fresh) throws Exception {
        Path root = Path.of(System.getProperty("hcc.root", "..")).toRealPath();
        Path dir = work().resolve(name);
        Path log = dir.resolve("launcher.log");
        for (int attempt = 1; ; attempt++) {
            if (fresh) { // again after a failed attempt: a first start stays a first start
                deleteTree(dir);
            }
            Files.createDirectories(dir);
            long logFrom = Files.exists(log) ? Files.size(log) : 0;
            // ports of its own (test classes run two at a time), unless the test chose them
            Map<String, Integer> ports = new java.util.HashMap<>();
            List<Integer> picked = new java.util.ArrayList<>();
            for (String port : List.of("HCC_HTTP_PORT", "HCC_BROKER_OPENWIRE_PORT", "HCC_BROKER_STOMP_PORT")) {
                if (extraEnv.containsKey(port)) {
                    ports.put(port, Integer.parseInt(extraEnv.get(port)));
                } else {
                    ports.put(port, freePort());
                    picked.add(ports.get(port));
                }
            }
            try {
                return launch(root, dir, log, extraEnv, ports);
            } catch (IllegalStateException e) {
                // A port this harness picked was free when picked and taken before the server bound it (another
                // test's server): the launcher refuses, or its readiness wait reports the broker's failed bind,
                // within seconds, naming the port. Fresh ports are then fine; any other failure is the product's.
                String said = new String(Files.readAllBytes(log), java.nio.charset.StandardCharsets.ISO_8859_1)
                        .substring((int) logFrom);
                boolean oursTaken = picked.stream().anyMatch(port ->
                        said.contains(" " + port + " (HCC_") || said.contains(":" + port + "?"));
                if (!oursTaken || attempt == 3) {
                    throw e;
                }
                System.out.println("a port picked for " + name + " was taken while it started; again on others");
            }
        }
    }

    private static Product launch(Path root, Path dir, Path log, Map<String, String> extraEnv,
                                  Map<String, Integer> ports) throws Exception {
        int http = ports.get("HCC_HTTP_PORT");
        int openwire = ports.get("HCC_BROKER_OPENWIRE_PORT");
        int stomp = ports.get("HCC_BROKER_STOMP_PORT");
        ProcessBuilder pb = new ProcessBuilder(root.resolve("hcc").toString(), "run")
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = pb.environment();
        env.put("HCC_SKIP_BUILD", "1");
        env.put("HCC_HTTP_PORT", Integer.toString(http));
        env.put("HCC_DATA_DIR", dir.resolve("data").toString());
        env.put("HCC_BROKER_OPENWIRE_PORT", Integer.toString(openwire));
        env.put("HCC_BROKER_STOMP_PORT", Integer.toString(stomp));
        env.put("HCC_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("HCC_START_TIMEOUT", "240");
        // the tests' receivers listen on loopback, which the address policy blocks unless allowed
        env.put("HCC_DELIVERY_ALLOWED_NETWORKS", "127.0.0.0/8");
        // A test server lives a minute or two and spends most of it booting: the client compiler alone boots it
        // in ~21 s instead of ~30 s on two cores (C2 compiles compete with the boot for them) and is fast enough
        // for the tests' loads. JVM options only; the product is the same. QuickStartIT runs the README's own
        // command with its defaults, and the benchmark keeps them too.
        env.put("HCC_JAVA_OPTS", "-Xmx512m -XX:TieredStopAtLevel=1");
        env.putAll(extraEnv);
        Product p = new Product(pb.start(), log, http, openwire, stomp);
        p.awaitReady(Duration.ofSeconds(240));
        return p;
    }

    /**
     * A port free now, below the kernel's ephemeral range (32768-60999 by default), from which every outgoing
     * connection's local port is drawn: a port picked there (as port 0 would) can become the local end of a
     * connection to MariaDB or a receiver in the seconds before the server binds it. Below Payara Server's own
     * ports too (scripts/payara-server.sh: 28701-28708).
     */
    public static int freePort() throws IOException {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 50; i++) {
            int port = random.nextInt(20000, 28000);
            try (java.net.ServerSocket s = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                return port;
            } catch (java.net.BindException taken) {
                // another one
            }
        }
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public Api api() {
        return new Api(baseUrl(), "admin", ADMIN_PASSWORD);
    }

    public Path serverLog() {
        return log.getParent().resolve("data/logs/server.log");
    }

    void awaitReady(Duration timeout) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the product exited before it was ready:\n" + tail());
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                String b = r.body().replace(" ", "");
                if (r.statusCode() == 200 && b.contains("\"name\":\"database\"") && b.contains("\"name\":\"broker\"")
                        && api().get("/api/v1/accounts").status() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        close();
        throw new IllegalStateException("the product was not ready in " + timeout + ":\n" + tail());
    }

    public String tail() throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    /** The JVM running Payara Micro (a child of the launcher script). */
    public ProcessHandle serverJvm() {
        return process.descendants().filter(h -> h.info().command().orElse("").endsWith("java")).findFirst()
                .orElseThrow();
    }

    /**
     * A graceful stop, as an operator's {@code kill} or Kubernetes does it: SIGTERM ({@link Process#destroy}, not
     * {@code destroyForcibly}) to the launcher, whose trap forwards it to Payara's JVM and waits for it, and to
     * that JVM itself (a launcher still waiting for readiness runs its trap only after that). The launcher's log
     * pipe is left alone, so what the server prints while it stops reaches its log. Whatever is still running
     * after 90 s (the delivery engine's 30 s stop grace and Payara's own shutdown) is killed.
     */
    @Override
    public void close() {
        List<ProcessHandle> tree = process.descendants().toList();
        tree.stream().filter(h -> h.info().command().orElse("").endsWith("java")).forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            for (ProcessHandle h : tree) {
                try {
                    h.onExit().get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                    h.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
