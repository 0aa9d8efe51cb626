package com.hcc.webhooks.system;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** A real HTTP receiver on 127.0.0.1 that records every request it gets. */
public final class Receiver implements AutoCloseable {

    /** A request as it arrived; {@code at} is when its body had been read, before it was answered. */
    public record Request(String method, String path, String query, Map<String, String> headers, String body,
                          java.time.Instant at) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> statusByPath = new ConcurrentHashMap<>();
    private final Map<String, java.util.Queue<Integer>> turnsByPath = new ConcurrentHashMap<>();
    private volatile long[] delayMs;

    public Receiver() throws IOException {
        this(0);
    }

    /** On a given port: a receiver taken down and brought back answers on the same URL. */
    public Receiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newFixedThreadPool(64));
        server.createContext("/", x -> {
            byte[] body = x.getRequestBody().readAllBytes();
            Map<String, String> headers = x.getRequestHeaders().entrySet().stream().collect(Collectors.toMap(
                    e -> e.getKey().toLowerCase(Locale.ROOT), e -> String.join(",", e.getValue()), (a, b) -> a));
            requests.add(new Request(x.getRequestMethod(), x.getRequestURI().getPath(), x.getRequestURI().getRawQuery(),
                    headers, new String(body, StandardCharsets.UTF_8), java.time.Instant.now()));
            long[] delay = delayMs;
            if (delay != null) {
                try {
                    Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(delay[0], delay[1] + 1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Integer turn = turnsByPath.getOrDefault(x.getRequestURI().getPath(), new java.util.ArrayDeque<>()).poll();
            int status = turn != null ? turn : statusByPath.getOrDefault(x.getRequestURI().getPath(), 200);
            byte[] answer = "{\"received\":true}".getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(status, answer.length);
            x.getResponseBody().write(answer);
            x.close();
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Answers every request after a pause between these bounds (a slow endpoint: requests stay in flight). */
    public void answerAfter(Duration min, Duration max) {
        delayMs = new long[] {min.toMillis(), max.toMillis()};
    }

    public void answer(String path, int status) {
        statusByPath.put(path, status);
    }

    /** Answers the next requests to the path with these statuses, one each, then as {@link #answer} says. */
    public void answerInTurn(String path, int... statuses) {
        java.util.Queue<Integer> turns = new java.util.concurrent.ConcurrentLinkedQueue<>();
        for (int s : statuses) {
            turns.add(s);
        }
        turnsByPath.put(path, turns);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> await(Predicate<Request> which, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Request> found;
        do {
            found = requests.stream().filter(which).toList();
            if (found.size() >= count) {
                return found;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("expected " + count + " requests within " + timeout + ", got " + found.size()
                + "; all received: " + requests.stream().map(r -> r.method() + " " + r.path()).toList());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
