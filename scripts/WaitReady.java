import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Waits until a MicroProfile Health readiness URL answers 200 with status UP, or the time runs out, or the
 * process to watch (a pid) dies. Exit 0 when ready, 1 otherwise. Used by ./hcc (no curl on a bare Debian).
 * The application's own checks must be in the answer (REQUIRED, e.g. "name":"database"): a Payara whose
 * application failed to deploy answers UP with no checks at all. The application's readiness is UP only once it
 * answers requests (HealthChecks, Started), so nothing else needs asking.
 * Usage: java scripts/WaitReady.java URL TIMEOUT_SECONDS [PID [REQUIRED]]
 */
public class WaitReady {
    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        long deadline = System.nanoTime() + Duration.ofSeconds(Long.parseLong(args[1])).toNanos();
        Long pid = args.length > 2 && !args[2].isEmpty() ? Long.valueOf(args[2]) : null;
        String required = args.length > 3 ? args[3].replace(" ", "") : "";
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (pid != null && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
                System.err.println("the server process " + pid + " exited before it was ready");
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
}
