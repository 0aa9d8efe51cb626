package com.hcc.webhooks.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hcc.webhooks.delivery.entity.ErrorClass;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real HTTP on loopback: the sender against a JDK HttpServer. */
class HttpSenderTest {

    static HttpServer server;
    static String base;
    static final AtomicReference<String> lastBody = new AtomicReference<>();
    final HttpSender sender = new HttpSender(Duration.ofSeconds(2), AddressPolicy.system("127.0.0.0/8"));

    @BeforeAll
    static void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", x -> {
            lastBody.set(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        server.createContext("/busy", x -> {
            x.getResponseHeaders().add("Retry-After", "7");
            byte[] b = "try later".getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(503, b.length);
            x.getResponseBody().write(b);
            x.close();
        });
        server.createContext("/moved", x -> {
            x.getResponseHeaders().add("Location", "/ok");
            x.sendResponseHeaders(302, -1);
            x.close();
        });
        server.createContext("/slow", x -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        server.createContext("/big", x -> {
            byte[] b = "x".repeat(200_000).getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, b.length);
            x.getResponseBody().write(b);
            x.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static OutboundRequest post(String url, Duration timeout) {
        return new OutboundRequest("msg_1", "POST", URI.create(url), Map.of("Content-Type", "application/json"),
                Map.of(), null, "{\"a\":1}".getBytes(StandardCharsets.UTF_8), timeout, null);
    }

    @Test
    void succeedsOn2xxAndSendsTheBody() {
        AttemptResult r = sender.send(post(base + "/ok", Duration.ofSeconds(5)));
        assertTrue(r.succeeded());
        assertEquals(204, r.status());
        assertEquals("{\"a\":1}", lastBody.get());
    }

    @Test
    void readsRetryAfterOn503() {
        AttemptResult r = sender.send(post(base + "/busy", Duration.ofSeconds(5)));
        assertFalse(r.succeeded());
        assertEquals(ErrorClass.HTTP_STATUS, r.errorClass());
        assertEquals(Duration.ofSeconds(7), r.retryAfter().orElseThrow());
        assertEquals("try later", r.responseBody());
    }

    @Test
    void doesNotFollowRedirects() {
        AttemptResult r = sender.send(post(base + "/moved", Duration.ofSeconds(5)));
        assertEquals(302, r.status());
        assertFalse(r.succeeded());
    }

    @Test
    void timesOut() {
        AttemptResult r = sender.send(post(base + "/slow", Duration.ofSeconds(1)));
        assertEquals(ErrorClass.TIMEOUT, r.errorClass());
        assertNull(r.status());
    }

    @Test
    void connectionRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        AttemptResult r = sender.send(post("http://127.0.0.1:" + port + "/", Duration.ofSeconds(2)));
        assertEquals(ErrorClass.CONNECTION, r.errorClass());
    }

    /**
     * A receiver that keeps a connection open after answering (HTTP/1.1, no "Connection: close") and closes it,
     * unanswered, when the next request comes on it: what a keep-alive timeout running out as a request is sent
     * looks like, made certain. Every delivery still succeeds at its first attempt, on a new connection.
     */
    @Test
    void sendsAgainOnANewConnectionWhenAPooledOneWasClosed() throws Exception {
        java.util.concurrent.atomic.AtomicInteger dropped = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
        try (ServerSocket s = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!s.isClosed()) {
                    try {
                        java.net.Socket c = s.accept();
                        new Thread(() -> answerOnceThenDrop(c, answered, dropped)).start();
                    } catch (java.io.IOException e) {
                        return; // closed
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String url = "http://127.0.0.1:" + s.getLocalPort() + "/hook";
            for (int i = 0; i < 5; i++) {
                AttemptResult r = sender.send(post(url, Duration.ofSeconds(5)));
                assertEquals(Integer.valueOf(200), r.status(), "delivery " + i + ": " + r.errorClass() + " " + r.errorMessage());
                Thread.sleep(100); // the client pools the connection when the response is done, a moment later
            }
        }
        assertEquals(5, answered.get());
        assertEquals(4, dropped.get(), "each later delivery was first sent on the pooled connection, which was dropped");
    }

    /** Reads one request (headers and Content-Length body), answers 200 keeping the connection, then reads the next request's first line and closes. */
    private static void answerOnceThenDrop(java.net.Socket c, java.util.concurrent.atomic.AtomicInteger answered,
                                           java.util.concurrent.atomic.AtomicInteger dropped) {
        try (c) {
            java.io.DataInputStream in = new java.io.DataInputStream(new java.io.BufferedInputStream(c.getInputStream()));
            int length = 0;
            for (String line; (line = readLine(in)) != null && !line.isEmpty(); ) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            in.readFully(new byte[length]);
            c.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
            c.getOutputStream().flush();
            answered.incrementAndGet();
            if (readLine(in) != null) { // the next request on this connection: dropped unanswered
                dropped.incrementAndGet();
            }
        } catch (java.io.IOException e) {
            // the client went away first
        }
    }

    private static String readLine(java.io.InputStream in) throws java.io.IOException {
        StringBuilder b = new StringBuilder();
        for (int ch; (ch = in.read()) != -1; ) {
            if (ch == '\n') {
                return b.toString().stripTrailing();
            }
            b.append((char) ch);
        }
        return b.length() == 0 ? null : b.toString();
    }

    @Test
    void capsTheResponseBody() {
        AttemptResult r = sender.send(post(base + "/big", Duration.ofSeconds(5)));
        assertEquals(64 * 1024, r.responseBody().length());
    }

    @Test
    void parsesHttpDateRetryAfter() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertEquals(Duration.ofSeconds(30),
                HttpSender.parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT", now).orElseThrow());
        assertTrue(HttpSender.parseRetryAfter("soon", now).isEmpty());
    }
}
