import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Waits until a MicroProfile Health readiness URL answers 200 with status UP, or the time runs out, or the
 * process to watch (a pid) dies, or the server log shows that the embedded broker could not start. Exit 0 when
 * ready, 1 otherwise. Used by ./hcc (no curl on a bare Debian).
 * The application's own checks must be in the answer (REQUIRED, e.g. "name":"database"): a Payara whose
 * application failed to deploy answers UP with no checks at all. The application's readiness is UP only once it
 * answers requests (HealthChecks, Started), so nothing else needs asking.
 * LOG is the server log, the byte where this run's lines start and the file's inode then (FILE@OFFSET@INODE): a
 * broker that failed to start (its port taken, its store unreadable) leaves the server up but never ready, and its
 * reason is only in the log; the wait stops at once and prints it instead of waiting out the timeout.
 * Usage: java scripts/WaitReady.java URL TIMEOUT_SECONDS [PID [REQUIRED [LOG]]]
 */
public class WaitReady {
    /** What the ActiveMQ resource adapter logs when its embedded broker failed (sic: "embeded"). */
    static final String BROKER_FAILED = "Could not start up embeded ActiveMQ Broker";

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        long deadline = System.nanoTime() + Duration.ofSeconds(Long.parseLong(args[1])).toNanos();
        Long pid = args.length > 2 && !args[2].isEmpty() ? Long.valueOf(args[2]) : null;
        String required = args.length > 3 ? args[3].replace(" ", "") : "";
        LogWatch log = args.length > 4 && !args[4].isEmpty() ? new LogWatch(args[4]) : null;
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (pid != null && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
                System.err.println("the server process " + pid + " exited before it was ready");
                System.exit(1);
            }
            String failed = log == null ? null : log.brokerFailure();
            if (failed != null) {
                System.err.println("the embedded broker could not start: " + failed);
                System.exit(1);
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().replace(" ", "").contains("\"status\":\"UP\"")
                        && r.body().replace(" ", "").contains(required)) {
                    System.exit(0);
                }
                last = r.statusCode() + " " + r.body();
            } catch (Exception e) {
                last = e.getClass().getSimpleName();
            }
            Thread.sleep(500);
        }
        System.err.println("not ready in time; last answer: " + last);
        System.exit(1);
    }

    /**
     * Reads the lines a server log gains from an offset on, looking for the broker's failure. The launcher rotates
     * the log by renaming it to FILE.1 (scripts/lib.sh): when the file is another one than last time, the rest of
     * the old one is read there first.
     */
    static final class LogWatch {
        final Path file;
        long offset;
        Object key;
        String partial = "";

        /** @param spec FILE@OFFSET@INODE: the file as the launcher saw it before the server started (INODE empty if none) */
        LogWatch(String spec) {
            String[] parts = spec.split("@", -1);
            file = Path.of(parts[0]);
            offset = parts.length > 1 && !parts[1].isEmpty() ? Long.parseLong(parts[1]) : 0;
            key = parts.length > 2 && !parts[2].isEmpty() ? Long.valueOf(parts[2]) : null;
        }

        /** The reason of the broker's failure if the new lines show one, else null (also when the log is unreadable). */
        String brokerFailure() {
            try {
                Object now = keyOf(file);
                if (now == null) {
                    return null;
                }
                String found = null;
                if (key != null && !key.equals(now)) { // rotated since the last look
                    Path old = file.resolveSibling(file.getFileName() + ".1");
                    if (key.equals(keyOf(old))) {
                        found = scan(old);
                    }
                    offset = 0;
                    partial = "";
                }
                key = now;
                return found != null ? found : scan(file);
            } catch (IOException e) {
                return null; // renamed under us: looked at again in half a second
            }
        }

        private String scan(Path path) throws IOException {
            try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "r")) {
                if (f.length() < offset) { // truncated: what it holds is new
                    offset = 0;
                    partial = "";
                }
                byte[] b = new byte[(int) Math.min(f.length() - offset, 1 << 20)];
                f.seek(offset);
                f.readFully(b);
                offset += b.length;
                String text = partial + new String(b, StandardCharsets.UTF_8);
                int end = text.lastIndexOf('\n');
                partial = end < 0 ? text : text.substring(end + 1);
                for (String line : (end < 0 ? "" : text.substring(0, end)).split("\n")) {
                    int at = line.indexOf(BROKER_FAILED);
                    if (at >= 0) {
                        return reason(line.substring(at + BROKER_FAILED.length()));
                    }
                }
                return null;
            }
        }

        /** The file's inode, which a rename keeps (null if there is no such file). */
        private static Object keyOf(Path path) {
            try {
                return ((Number) Files.getAttribute(path, "unix:ino")).longValue();
            } catch (IOException | UnsupportedOperationException e) {
                return null;
            }
        }

        /** ActiveMQ's message nests Spring's around the cause; the part from "Failed to" on says what happened. */
        static String reason(String message) {
            int failed = message.lastIndexOf("Failed to ");
            String r = failed >= 0 ? message.substring(failed) : message.replaceFirst("^\\s*'[^']*':\\s*", "");
            return r.length() > 400 ? r.substring(0, 400) + "..." : r;
        }
    }
}
