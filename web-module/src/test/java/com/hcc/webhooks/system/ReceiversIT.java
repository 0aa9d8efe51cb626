package com.hcc.webhooks.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The three example receivers of docs/receivers.md (scripts/receiver: JDK, Node.js with the standardwebhooks
 * package, Python standard library), each run as users run it, as a child process with the webhook's signing
 * secret, behind a webhook of the product started with {@code ./hcc run}: a real event reaches each with
 * "signature OK"; the product's resend (same webhook-id) is reported as a duplicate and not processed again; a
 * forged signature and a stale timestamp are answered 401 "INVALID"; after a secret rotation the receivers, still
 * holding the old secret, verify the next delivery. And the code the document shows is the code in the files.
 */
class ReceiversIT {

    static final Path ROOT = Path.of(System.getProperty("hcc.root", ".."));
    static final Path SOURCES = ROOT.resolve("scripts/receiver");
    static final String ACCOUNT = "12345678";
    static final Pattern BLOCK_ID = Pattern.compile("webhook-id:\\s+(\\S+)");

    /** A receiver as a child process, with everything it printed. */
    static final class Running implements AutoCloseable {
        final String name;
        final int port;
        final Process process;
        final StringBuffer output = new StringBuffer();
        String secret;

        Running(String name, int port, List<String> command, Path dir, String secret, Path log) throws IOException {
            this.name = name;
            this.port = port;
            this.secret = secret;
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            pb.environment().put("HCC_RECEIVER_PORT", Integer.toString(port));
            pb.environment().put("HCC_RECEIVER_SECRET", secret);
            process = pb.start();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                     Writer w = Files.newBufferedWriter(log)) {
                    for (String line; (line = r.readLine()) != null; ) {
                        output.append(line).append('\n');
                        w.write(line + "\n");
                        w.flush();
                    }
                } catch (IOException e) {
                    output.append("(reading the output failed: ").append(e).append(")\n");
                }
            }, "receiver-" + name);
            reader.setDaemon(true);
            reader.start();
        }

        String url() {
            return "http://127.0.0.1:" + port + "/hooks/call.created";
        }

        /** The complete blocks printed so far, one per request (a block ends with its "-> status" line). */
        List<String> blocks() {
            List<String> blocks = new ArrayList<>();
            for (String b : output.toString().split("(?m)^(?==== )")) {
                if (b.startsWith("=== ") && b.contains("\n-> ")) {
                    blocks.add(b);
                }
            }
            return blocks;
        }

        List<String> blocksOf(String webhookId) {
            return blocks().stream().filter(b -> webhookId.equals(id(b))).toList();
        }

        String await(java.util.function.Predicate<String> which, String what, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            do {
                for (String b : blocks()) {
                    if (which.test(b)) {
                        return b;
                    }
                }
                if (!process.isAlive()) {
                    break;
                }
                Thread.sleep(100);
            } while (System.nanoTime() < deadline);
            throw new AssertionError("the " + name + " receiver did not print " + what + " within " + timeout
                    + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")") + "; it printed:\n" + output);
        }

        void awaitListening() throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!output.toString().contains("listening on http://127.0.0.1:" + port + "/")) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    fail("the " + name + " receiver did not start; it printed:\n" + output);
                }
                Thread.sleep(100);
            }
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static String id(String block) {
        Matcher m = BLOCK_ID.matcher(block);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void eachReceiverVerifiesDeduplicatesAndRefusesForgeries() throws Exception {
        requireTools();
        Path work = Product.work().resolve("receiver-processes"); // not "receivers": the product's data directory
        Product.deleteTree(work);
        Path node = Files.createDirectories(work.resolve("node"));
        for (String f : List.of("receiver.mjs", "package.json", "package-lock.json")) {
            Files.copy(SOURCES.resolve(f), node.resolve(f));
        }
        // the package is installed while the product starts, in a copy, as a user would in scripts/receiver
        CompletableFuture<String> npm = CompletableFuture.supplyAsync(() -> npmCi(node));

        Map<String, Running> receivers = new LinkedHashMap<>();
        try (Product product = Product.start("receivers", Map.of())) {
            Api api = product.api();
            assertEquals(201, api.post("/api/v1/accounts", "{\"accountId\":\"" + ACCOUNT + "\",\"name\":\"Receivers\"}").status());
            long access = api.post("/api/v1/accounts/" + ACCOUNT + "/access", "{\"type\":\"API_KEY\",\"apiName\":\"crm\","
                    + "\"authKeyName\":\"x-api-key\",\"apiKey\":\"receivers-api-key-0123456789\"}").json()
                    .getJsonNumber("id").longValue();
            Map<String, List<String>> commands = new LinkedHashMap<>();
            commands.put("java", List.of("java", SOURCES.toRealPath().resolve("Receiver.java").toString()));
            commands.put("node", List.of("node", "receiver.mjs"));
            commands.put("python", List.of("python3", SOURCES.toRealPath().resolve("receiver.py").toString()));
            Map<String, Long> webhookIds = new LinkedHashMap<>();
            String npmOutput = npm.join();
            for (Map.Entry<String, List<String>> c : commands.entrySet()) {
                int port = Product.freePort();
                Api.Answer created = api.post("/api/v1/accounts/" + ACCOUNT + "/webhooks", "{\"event\":\"call.created\","
                        + "\"accessId\":" + access + ",\"targetUrl\":\"http://127.0.0.1:" + port + "/hooks/call.created\"}");
                assertEquals(201, created.status(), created.body());
                String secret = created.json().getString("signingSecret");
                webhookIds.put(c.getKey(), created.json().getJsonObject("webhook").getJsonNumber("id").longValue());
                Path dir = c.getKey().equals("node") ? node : work;
                receivers.put(c.getKey(), new Running(c.getKey(), port, c.getValue(), dir, secret,
                        work.resolve(c.getKey() + ".log")));
            }
            for (Running r : receivers.values()) {
                r.awaitListening();
                assertTrue(r.output.toString().contains("signatures checked with HCC_RECEIVER_SECRET"), r.output.toString());
            }

            // a real event, as a dialer posts it: one delivery to each receiver, verified, printed
            assertEquals(202, api.post("/api/v1/events/call.created", Seeds.CALL_CREATED.json()).status());
            Map<String, String> delivered = new LinkedHashMap<>();
            for (Running r : receivers.values()) {
                String block = r.await(b -> b.contains("\"call_id\": 11142"), "the event", Duration.ofSeconds(30));
                assertTrue(block.contains("\nsignature OK\n"), r.name + ": " + block);
                assertTrue(block.contains("\nevent:             call.created (from the URL path)\n"), r.name + ": " + block);
                assertTrue(block.startsWith("=== POST /hooks/call.created "), r.name + ": " + block);
                assertTrue(block.contains("\n-> 200\n"), r.name + ": " + block);
                assertTrue(id(block).startsWith("msg_"), r.name + ": " + block);
                delivered.put(r.name, id(block));
            }
            assertEquals(3, new HashSet<>(delivered.values()).size(), "one delivery per webhook: " + delivered);

            // the product sends the same delivery again (same webhook-id): a duplicate, answered 200, not processed
            for (Running r : receivers.values()) {
                String id = delivered.get(r.name);
                resend(api, id);
                String block = r.await(b -> id.equals(id(b)) && b.contains("DUPLICATE"), "the resend as a duplicate",
                        Duration.ofSeconds(30));
                assertTrue(block.contains("\nsignature OK\n"), r.name + ": " + block);
                assertTrue(block.contains("\n-> 200\n"), r.name + ": " + block);
                assertEquals(1, r.blocksOf(id).stream().filter(b -> b.contains("\"call_id\": 11142")).count(),
                        r.name + " processed " + id + " once: " + r.output);
                JsonObject log = awaitAttempts(api, id, 2);
                assertEquals(200, log.getJsonObject("response").getInt("status"), r.name + ": " + log);
            }

            // forged: a wrong key, then the right key on a timestamp 6 minutes old (a replay); both 401 INVALID
            HttpClient http = HttpClient.newHttpClient();
            byte[] body = Seeds.CALL_CREATED.json().getBytes(StandardCharsets.UTF_8);
            long now = Instant.now().getEpochSecond();
            for (Running r : receivers.values()) {
                String wrongKey = "whsec_" + Base64.getEncoder().encodeToString("not the secret, 24 bytes".getBytes(StandardCharsets.UTF_8));
                String forged = "msg_forged_" + r.name;
                assertEquals(401, post(http, r, forged, now, sign(wrongKey, forged, now, body), body), r.name);
                String block = r.await(b -> forged.equals(id(b)), "the forged request", Duration.ofSeconds(10));
                assertTrue(block.contains("\nsignature INVALID"), r.name + ": " + block);
                assertTrue(block.contains("\n-> 401\n"), r.name + ": " + block);
                assertTrue(!block.contains("\"call_id\""), "a forged body is not processed: " + block);

                String replay = "msg_replay_" + r.name;
                assertEquals(401, post(http, r, replay, now - 360, sign(r.secret, replay, now - 360, body), body), r.name);
                assertTrue(r.await(b -> replay.equals(id(b)), "the replay", Duration.ofSeconds(10))
                        .contains("\nsignature INVALID"), r.name);
            }

            // a new signing secret: the old one signs beside it for 24 h, so the receivers (old secret) go on verifying
            for (Running r : receivers.values()) {
                Api.Answer rotated = api.post("/api/v1/accounts/" + ACCOUNT + "/webhooks/" + webhookIds.get(r.name)
                        + "/rotate-secret", "");
                assertEquals(200, rotated.status(), rotated.body());
            }
            assertEquals(202, api.post("/api/v1/events/call.created",
                    Seeds.CALL_CREATED.json().replace("\"call_id\":11142", "\"call_id\":11143")).status());
            for (Running r : receivers.values()) {
                String block = r.await(b -> b.contains("\"call_id\": 11143"), "the event after the rotation",
                        Duration.ofSeconds(30));
                assertTrue(block.contains("\nsignature OK\n"), r.name + ": " + block);
                JsonObject log = api.get("/api/v1/accounts/" + ACCOUNT + "/logs/" + id(block)).json();
                assertEquals(2, log.getJsonObject("request").getJsonObject("headers").getString("webhook-signature")
                        .split(" ").length, "signed with the new and the old secret: " + log);
            }
        } finally {
            receivers.values().forEach(Running::close);
        }
    }

    /** docs/receivers.md shows code from the files: each snippet introduced by a link to a file is in that file. */
    @Test
    void theDocumentShowsTheReceiversCodeAsItIs() throws Exception {
        String doc = Files.readString(ROOT.resolve("docs/receivers.md"));
        Matcher m = Pattern.compile("\\(\\.\\./scripts/receiver/([^)]+)\\)[^\\n]*\\n\\n?```[a-z]*\\n(.*?)\\n```", Pattern.DOTALL)
                .matcher(doc);
        Set<String> files = new HashSet<>();
        int snippets = 0;
        while (m.find()) {
            String file = Files.readString(SOURCES.resolve(m.group(1)));
            assertTrue(file.contains(m.group(2)), "docs/receivers.md shows from scripts/receiver/" + m.group(1)
                    + " what is not in it (copy it again from the file):\n" + m.group(2));
            files.add(m.group(1));
            snippets++;
        }
        assertTrue(files.containsAll(List.of("Receiver.java", "receiver.mjs", "receiver.py")),
                "a snippet of each receiver, introduced by a link to its file; found " + files);
        assertTrue(snippets >= 3);
    }

    /** The two receivers that are not Java need Node.js with npm, and Python 3: ./hcc test installs them. */
    static void requireTools() throws Exception {
        List<String> missing = new ArrayList<>();
        for (String tool : List.of("node", "npm", "python3")) {
            Process p = new ProcessBuilder("bash", "-c", "command -v " + tool).redirectErrorStream(true).start();
            if (p.waitFor() != 0) {
                missing.add(tool);
            }
        }
        if (!missing.isEmpty()) {
            fail("ReceiversIT runs the example receivers with " + missing + ", which are not installed: run the tests"
                    + " with ./hcc test, which installs them (apt-get install nodejs npm python3)");
        }
    }

    static String npmCi(Path dir) {
        try {
            Process p = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(dir.toFile())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("npm ci in " + dir + " failed:\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("npm ci could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Resend: refused (409) while the first attempt is still being recorded, so asked again for a moment. */
    static void resend(Api api, String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        Api.Answer a;
        do {
            a = api.post("/api/v1/accounts/" + ACCOUNT + "/logs/" + id + "/resend", "");
            if (a.status() == 202) {
                return;
            }
            Thread.sleep(200);
        } while (a.status() == 409 && System.nanoTime() < deadline);
        fail("resend of " + id + " answered " + a.status() + ": " + a.body());
    }

    static JsonObject awaitAttempts(Api api, String id, int attempts) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        JsonObject log;
        do {
            log = api.get("/api/v1/accounts/" + ACCOUNT + "/logs/" + id).json();
            if (log.getJsonArray("attempts").size() >= attempts && log.containsKey("response")) {
                return log;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("expected " + attempts + " attempts of " + id + ": " + log);
    }

    static int post(HttpClient http, Running r, String id, long timestamp, String signature, byte[] body) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(r.url()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        return answer.statusCode();
    }

    /** Standard Webhooks, written here again independently of the receivers and of the product. */
    static String sign(String secret, String id, long timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    }
}
