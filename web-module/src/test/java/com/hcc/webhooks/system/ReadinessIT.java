package com.hcc.webhooks.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Readiness against the first real request: a load balancer or Kubernetes sends traffic as soon as
 * {@code /health/ready} says UP, so from that moment every request must be answered by the application. Polled
 * from the first instant of a first start (empty data directory), not through the launcher's own wait.
 */
class ReadinessIT {

    @Test
    void onceReadinessSaysUpEveryRequestIsAnsweredByTheApplication() throws Exception {
        Path root = Path.of(System.getProperty("hcc.root", "..")).toRealPath();
        Path dir = Product.work().resolve("readiness");
        Product.deleteTree(dir);
        Files.createDirectories(dir);
        int port = Product.freePort();
        ProcessBuilder pb = new ProcessBuilder(root.resolve("hcc").toString(), "run").directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("launcher.log").toFile());
        pb.environment().put("HCC_SKIP_BUILD", "1");
        pb.environment().put("HCC_HTTP_PORT", Integer.toString(port));
        pb.environment().put("HCC_DATA_DIR", dir.resolve("data").toString());
        pb.environment().put("HCC_BROKER_OPENWIRE_PORT", Integer.toString(Product.freePort()));
        pb.environment().put("HCC_BROKER_STOMP_PORT", Integer.toString(Product.freePort()));
        pb.environment().put("HCC_ADMIN_PASSWORD", Product.ADMIN_PASSWORD);
        String base = "http://127.0.0.1:" + port;
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + Product.ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        List<String> wrong = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        Process launcher = pb.start();
        try {
            long start = System.nanoTime();
            long upAt = 0;
            int probesWhileUp = 0;
            while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(240)) {
                assertTrue(launcher.isAlive(), "the product exited: " + Files.readString(dir.resolve("launcher.log")));
                Answer ready = get(client, base + "/health/ready", null);
                String ms = (System.nanoTime() - start) / 1_000_000 + " ms";
                if (answers.isEmpty() || !answers.get(answers.size() - 1).endsWith(ready.summary())) {
                    answers.add(ms + " ready: " + ready.summary());
                }
                if (upAt == 0 && ready.status() == 200 && ready.body().replace(" ", "").contains("\"status\":\"UP\"")) {
                    upAt = System.nanoTime();
                }
                if (upAt != 0) {
                    for (String[] probe : new String[][] {{"/api/v1/accounts", basic}, {"/api/v1/accounts", null},
                            {"/health/live", null}, {"/openapi", null}, {"/", null}}) {
                        Answer a = get(client, base + probe[0], probe[1]);
                        boolean fine = a.status() == 200 || a.status() == 302 || (probe[1] == null && a.status() == 401);
                        if (!fine) {
                            wrong.add(ms + " after UP: GET " + probe[0] + (probe[1] == null ? "" : " (signed in)")
                                    + " answered " + a.summary());
                        }
                    }
                    probesWhileUp++;
                    if (System.nanoTime() - upAt > TimeUnit.SECONDS.toNanos(8)) {
                        break;
                    }
                }
                Thread.sleep(20);
            }
            assertTrue(upAt != 0, "readiness never said UP: " + answers);
            assertTrue(probesWhileUp > 50, "probed " + probesWhileUp + " times after UP");
            assertTrue(wrong.isEmpty(), "requests failed after readiness said UP:\n" + String.join("\n", wrong)
                    + "\nreadiness answers: " + answers);
            // /health lists liveness and readiness together: each check under a name of its own
            String all = get(client, base + "/health", null).body().replace(" ", "");
            java.util.regex.Matcher names = java.util.regex.Pattern.compile("\"name\":\"([^\"]+)\"").matcher(all);
            List<String> seen = new ArrayList<>();
            while (names.find()) {
                seen.add(names.group(1));
            }
            assertEquals(List.of("application", "broker", "database", "process"), seen.stream().sorted().toList(), all);
        } finally {
            launcher.descendants().forEach(ProcessHandle::destroy);
            launcher.destroy();
            if (!launcher.waitFor(60, TimeUnit.SECONDS)) {
                launcher.descendants().forEach(ProcessHandle::destroyForcibly);
                launcher.destroyForcibly();
            }
        }
    }

    record Answer(int status, String body) {
        String summary() {
            return status == 0 ? body : status + " " + body.substring(0, Math.min(80, body.length())).replaceAll("\\s+", " ");
        }
    }

    private static Answer get(HttpClient client, String url, String authorization) throws InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (java.io.IOException e) {
            return new Answer(0, "no answer (" + e.getClass().getSimpleName() + ")");
        }
    }
}
