package com.hcc.webhooks.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's quick start, pasted as a newcomer pastes it: its code blocks are read from README.md (the first
 * is terminal 1, the second terminal 2) and run as written, with bash, in a copy of the checkout that has the
 * built product but no data. Then what the newcomer sees: the receiver printing the delivery with its
 * signature checked, the delivery in Webhooks Logs (through the API the portal uses), Ctrl+C stopping the
 * product, the data where the README says, and a second start with another HCC_ADMIN_PASSWORD saying at once
 * that the variable is ignored. Uses the README's own ports (8080, 9000, 61616, 61613): they must be free.
 */
class QuickStartIT {

    static final String SECTION = "## Quick start: a first delivery";

    @Test
    void theQuickStartWorksAsPasted() throws Exception {
        Path root = Path.of(System.getProperty("hcc.root", "..")).toRealPath();
        List<String> blocks = bashBlocks(Files.readString(root.resolve("README.md")));
        assertEquals(2, blocks.size(), "the quick start has a block for terminal 1 and one for terminal 2: " + blocks);
        for (int port : new int[] {8080, 9000, 61616, 61613}) {
            assertFree(port);
        }
        Path clone = checkoutCopy(root);
        Path out1 = clone.resolve("terminal-1.txt");
        Path out2 = clone.resolve("terminal-2.txt");
        Process terminal1 = terminal(clone, blocks.get(0), out1);
        try {
            String started = await(out1, "HCC Webhooks is ready", Duration.ofSeconds(240), terminal1);
            assertFalse(started.contains("has expired"), "no wall of Payara's expired root certificates at the start");
            Process terminal2 = terminal(clone, blocks.get(1), out2);
            assertTrue(terminal2.waitFor(60, TimeUnit.SECONDS), "terminal 2's commands finish");
            String printed = await(out2, "signature OK", Duration.ofSeconds(60), null);
            assertTrue(printed.contains("event:             call.created"), "the receiver names the event:\n" + printed);
            assertTrue(printed.contains("\"call_id\""), "the receiver shows the event:\n" + printed);

            Api api = new Api("http://127.0.0.1:8080", "admin", "change-me");
            String logs = api.get("/api/v1/accounts/12345678/logs").body();
            for (int i = 0; i < 40 && !logs.contains("\"status\":\"SUCCEEDED\""); i++) {
                Thread.sleep(250);
                logs = api.get("/api/v1/accounts/12345678/logs").body();
            }
            assertTrue(logs.contains("\"status\":\"SUCCEEDED\"") && logs.contains("call.created"),
                    "Webhooks Logs lists the delivery as succeeded: " + logs);

            stopReceivers(clone);
            interrupt(terminal1);
            assertTrue(terminal1.waitFor(90, TimeUnit.SECONDS), "Ctrl+C stops the product");
            Path data = clone.resolve("data");
            for (String kept : new String[] {"db", "broker", "secrets.key", "logs/server.log"}) {
                assertTrue(Files.exists(data.resolve(kept)), "the data directory holds " + kept);
            }

            String otherPassword = blocks.get(0).replace("HCC_ADMIN_PASSWORD=change-me", "HCC_ADMIN_PASSWORD=another-one");
            assertTrue(!otherPassword.equals(blocks.get(0)), "terminal 1 sets HCC_ADMIN_PASSWORD=change-me");
            Path out3 = clone.resolve("terminal-1-again.txt");
            terminal1 = terminal(clone, otherPassword, out3);
            String second = await(out3, "HCC Webhooks is ready", Duration.ofSeconds(240), terminal1);
            assertTrue(second.contains("HCC_ADMIN_PASSWORD is ignored: the operator 'admin' already exists with another"
                    + " password"), "a start with another password says so:\n" + tail(second));
            assertEquals(200, api.get("/api/v1/accounts").status(), "the first password still signs in");
        } finally {
            stopReceivers(clone);
            interrupt(terminal1);
            if (!terminal1.waitFor(60, TimeUnit.SECONDS)) {
                terminal1.descendants().forEach(ProcessHandle::destroyForcibly);
                terminal1.destroyForcibly();
            }
        }
    }

    /** The ```bash blocks of the quick start section, in order. */
    static List<String> bashBlocks(String readme) {
        int start = readme.indexOf(SECTION);
        assertTrue(start >= 0, "README.md has the section " + SECTION);
        int end = readme.indexOf("\n## ", start + SECTION.length());
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        Matcher m = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL).matcher(section);
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    /**
     * What a fresh clone has after its first build: the launcher, its scripts, the samples and the built runtime,
     * without the developer's data directory (the quick start writes ./data).
     */
    private static Path checkoutCopy(Path root) throws IOException {
        Path clone = Product.work().resolve("quick-start");
        Product.deleteTree(clone);
        for (String part : new String[] {"hcc", "scripts", "docs/samples", "web-module/target/runtime"}) {
            Path from = root.resolve(part);
            try (var files = Files.walk(from)) {
                for (Path f : files.filter(p -> !p.toString().contains("node_modules")).toList()) {
                    Path to = clone.resolve(root.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(to);
                    } else {
                        Files.createDirectories(to.getParent());
                        Files.copy(f, to, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        }
        return clone;
    }

    /** A terminal: bash running the pasted lines in the clone, in a session of its own (Ctrl+C goes to all of it). */
    private static Process terminal(Path clone, String lines, Path output) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("setsid", "bash", "-c", lines).directory(clone.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        // the copy has no sources to build from; the build of this checkout made the runtime it holds
        pb.environment().put("HCC_SKIP_BUILD", "1");
        pb.environment().keySet().removeIf(k -> k.startsWith("HCC_") && !k.equals("HCC_SKIP_BUILD"));
        return pb.start();
    }

    private static void interrupt(Process terminal) throws Exception {
        if (terminal.isAlive()) {
            // setsid made the bash the leader of its own process group: Ctrl+C signals the whole group
            new ProcessBuilder("kill", "-INT", "--", "-" + terminal.pid()).inheritIO().start().waitFor();
        }
    }

    private static void stopReceivers(Path clone) {
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains("Receiver.java")
                        || p.info().commandLine().orElse("").contains("receiver"))
                .filter(p -> p.info().commandLine().orElse("").contains(clone.toString())
                        || cwdIs(p, clone))
                .forEach(ProcessHandle::destroy);
    }

    private static boolean cwdIs(ProcessHandle p, Path dir) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd")).equals(dir);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static String await(Path output, String text, Duration timeout, Process alive) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String seen = "";
        while (System.nanoTime() < deadline) {
            seen = Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
            if (seen.contains(text)) {
                return seen;
            }
            if (alive != null && !alive.isAlive()) {
                break;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("\"" + text + "\" did not appear in " + output.getFileName() + ":\n" + tail(seen));
    }

    private static String tail(String text) {
        String[] lines = text.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 40), lines.length));
    }

    private static void assertFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            throw new AssertionError("the quick start uses port " + port + " and something else listens there");
        }
    }
}
