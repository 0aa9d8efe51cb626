package com.hcc.webhooks.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A port the product needs is taken by another program: {@code ./hcc run} says which and stops, within seconds,
 * rather than starting a server that answers but is never ready (its embedded broker could not bind) and saying
 * after three minutes only that it did not become ready.
 */
class TakenPortIT {

    @Test
    void aPortTakenBeforeTheStartIsRefusedNamingItsSetting() throws Exception {
        Path dir = fresh("taken-before");
        try (ServerSocket other = new ServerSocket(Product.freePort(), 1, InetAddress.getLoopbackAddress())) {
            int taken = other.getLocalPort();
            Process launcher = launcher(dir, taken).start();
            try {
                assertTrue(launcher.waitFor(30, TimeUnit.SECONDS), "the launcher still runs: " + said(dir));
                assertEquals(2, launcher.exitValue(), said(dir));
                assertTrue(said(dir).contains("already listens on port " + taken + " (HCC_BROKER_OPENWIRE_PORT)"),
                        said(dir));
                assertTrue(!Files.exists(dir.resolve("data/logs/server.log")), "no server was started");
            } finally {
                stop(launcher);
            }
        }
    }

    @Test
    void aPortTakenWhileTheServerBootsStopsItWithTheBrokersReason() throws Exception {
        Path dir = fresh("taken-while");
        int port = Product.freePort();
        Process launcher = launcher(dir, port).start();
        try {
            // the launcher has checked its ports once it names the broker; the server binds them seconds later
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!said(dir).contains("broker: embedded") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(said(dir).contains("broker: embedded"), said(dir));
            long start = System.nanoTime();
            try (ServerSocket other = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                // HCC_START_TIMEOUT is 240 s: stopping well before that is the launcher reading the broker's failure
                assertTrue(launcher.waitFor(120, TimeUnit.SECONDS), "the launcher still waits: " + said(dir));
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            String said = said(dir);
            assertEquals(1, launcher.exitValue(), said);
            assertTrue(said.contains("the embedded broker could not start: Failed to bind to server socket: tcp://127.0.0.1:"
                    + port) && said.contains("Address already in use"), said);
            assertTrue(said.contains("did not become ready"), said);
            long server = Long.parseLong(Files.readString(dir.resolve("data/hcc.pid")).trim());
            assertTrue(ProcessHandle.of(server).map(p -> !p.isAlive()).orElse(true),
                    "the server (pid " + server + ") was stopped, not left running");
            System.out.printf("taken port: the launcher stopped %d s after the port was taken%n", seconds);
        } finally {
            stop(launcher);
        }
    }

    private static Path fresh(String name) throws Exception {
        Path dir = Product.work().resolve(name);
        Product.deleteTree(dir);
        return Files.createDirectories(dir);
    }

    private static ProcessBuilder launcher(Path dir, int openwirePort) throws Exception {
        Path root = Path.of(System.getProperty("hcc.root", "..")).toRealPath();
        ProcessBuilder pb = new ProcessBuilder(root.resolve("hcc").toString(), "run").directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("launcher.log").toFile());
        pb.environment().put("HCC_SKIP_BUILD", "1");
        pb.environment().put("HCC_HTTP_PORT", Integer.toString(Product.freePort()));
        pb.environment().put("HCC_DATA_DIR", dir.resolve("data").toString());
        pb.environment().put("HCC_BROKER_OPENWIRE_PORT", Integer.toString(openwirePort));
        pb.environment().put("HCC_BROKER_STOMP_PORT", Integer.toString(Product.freePort()));
        pb.environment().put("HCC_ADMIN_PASSWORD", Product.ADMIN_PASSWORD);
        pb.environment().put("HCC_START_TIMEOUT", "240");
        pb.environment().put("HCC_JAVA_OPTS", "-Xmx512m -XX:TieredStopAtLevel=1");
        return pb;
    }

    private static String said(Path dir) throws Exception {
        Path log = dir.resolve("launcher.log");
        return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1) : "";
    }

    private static void stop(Process launcher) throws InterruptedException {
        launcher.descendants().forEach(ProcessHandle::destroy);
        launcher.destroy();
        if (!launcher.waitFor(60, TimeUnit.SECONDS)) {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }
}
