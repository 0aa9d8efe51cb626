package com.hcc.webhooks.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Traces as docs/operations.md ("Traces (OpenTelemetry)") promises them: the product started with nothing but the
 * documented OTEL_* variables, exporting OTLP/HTTP protobuf to a collector this test runs on loopback. One event
 * over REST to a receiver that answers 503, then 200: the collector gets the intake span (a child of the JAX-RS
 * span) and two CLIENT attempt spans, the retry's context read back from the database, all in one trace. One event
 * over STOMP carrying a producer's traceparent: its intake joins the producer's trace, and its attempt follows.
 * No secret, header or payload value is anywhere in what was exported.
 * <p>
 * Traces off (the default) is shown without another start: TelemetryTest (the shipped configuration says
 * otel.sdk.disabled=true, and off nothing asks Payara for OpenTelemetry) and EngineIT (in the container, as shipped:
 * off, and no trace context stored with a delivery).
 */
class TelemetryIT {

    static final String API_KEY = "telemetry-api-key-5d8e1c0b77";
    static final String PHONE = "9725550138"; // a payload value of the seed event

    @Test
    void intakeAndEveryAttemptOfAnEventAreOneTraceAtTheCollector() throws Exception {
        String account = Seeds.CALL_CREATED.accountId();
        try (Collector collector = new Collector(); Receiver receiver = new Receiver();
             Product product = Product.start("telemetry", Map.of(
                     "OTEL_SDK_DISABLED", "false",
                     "OTEL_EXPORTER_OTLP_ENDPOINT", collector.url(),
                     "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                     "OTEL_BSP_SCHEDULE_DELAY", "200",
                     "HCC_DELIVERY_RETRY_SCHEDULE", "0s,1s,1s"))) {
            Api api = product.api();
            assertEquals(201, api.post("/api/v1/accounts", "{\"accountId\":\"" + account + "\",\"name\":\"Traced\"}").status());
            long access = api.post("/api/v1/accounts/" + account + "/access", "{\"type\":\"API_KEY\",\"apiName\":\"k\","
                    + "\"authKeyName\":\"x-api-key\",\"apiKey\":\"" + API_KEY + "\"}").json().getJsonNumber("id").longValue();
            Api.Answer created = api.post("/api/v1/accounts/" + account + "/webhooks", "{\"event\":\"call.created\","
                    + "\"accessId\":" + access + ",\"targetUrl\":\"" + receiver.url("/t") + "\"}");
            assertEquals(201, created.status(), created.body());
            long webhookId = created.json().getJsonObject("webhook").getJsonNumber("id").longValue();
            String signingSecret = created.json().getString("signingSecret");

            // over REST: 503, then 200 one second later (a retry: claimed from the database, not the intake's fast path)
            receiver.answerInTurn("/t", 503);
            Api.Answer published = api.post("/api/v1/events/call.created", call(71001));
            assertEquals(202, published.status(), published.body());
            long eventId = published.json().getJsonNumber("eventId").longValue();
            List<Receiver.Request> sent = receiver.await(r -> r.body().contains("\"call_id\":71001"), 2, Duration.ofSeconds(60));

            String webhookMessageId = sent.get(0).header("webhook-id");
            Span intake = collector.await(s -> s.getName().equals("hcc intake call.created")
                    && attr(s, "hcc.call.id").equals(71001L), 1).get(0);
            List<Span> attempts = collector.await(s -> s.getName().equals("hcc attempt call.created")
                    && webhookMessageId.equals(attr(s, "hcc.message.id")), 2);
            attempts = attempts.stream().sorted(java.util.Comparator.comparing(s -> (Long) attr(s, "hcc.attempt"))).toList();

            assertEquals(Span.SpanKind.SPAN_KIND_INTERNAL, intake.getKind());
            Span server = collector.await(s -> s.getSpanId().equals(intake.getParentSpanId()), 1).get(0);
            assertEquals(Span.SpanKind.SPAN_KIND_SERVER, server.getKind(), "REST: the intake is a child of the JAX-RS span");
            assertEquals(intake.getTraceId(), server.getTraceId());
            assertEquals(account, attr(intake, "hcc.account.id"));
            assertEquals("call.created", attr(intake, "hcc.event.name"));
            assertEquals("REST", attr(intake, "hcc.event.source"));
            assertEquals(eventId, attr(intake, "hcc.event.id"));
            assertEquals(1L, attr(intake, "hcc.deliveries"));
            assertEquals("accepted", attr(intake, "hcc.outcome"));

            for (int i = 0; i < 2; i++) {
                Span a = attempts.get(i);
                assertEquals(hex(intake.getTraceId()), hex(a.getTraceId()), "attempt " + (i + 1) + " is in the intake's trace");
                assertEquals(hex(intake.getSpanId()), hex(a.getParentSpanId()), "attempt " + (i + 1) + " is the intake's child");
                assertEquals(Span.SpanKind.SPAN_KIND_CLIENT, a.getKind());
                assertEquals(i + 1L, attr(a, "hcc.attempt"));
                assertEquals(webhookId, attr(a, "hcc.webhook.id"));
                assertEquals(attr(attempts.get(0), "hcc.delivery.id"), attr(a, "hcc.delivery.id"));
                assertEquals(webhookMessageId, attr(a, "hcc.message.id"));
                assertEquals("POST", attr(a, "http.request.method"));
                assertEquals(receiver.url("/t"), attr(a, "url.full"));
                assertTrue(attr(a, "hcc.instance").toString().startsWith(InetAddress.getLocalHost().getHostName() + "-"),
                        "the instance that made the attempt: " + attr(a, "hcc.instance"));
            }
            assertEquals(sent.get(1).header("webhook-id"), webhookMessageId, "the same webhook-id on the retry");
            assertEquals(503L, attr(attempts.get(0), "http.response.status_code"));
            assertEquals("failed", attr(attempts.get(0), "hcc.outcome"));
            assertEquals("503", attr(attempts.get(0), "error.type"));
            assertEquals(Status.StatusCode.STATUS_CODE_ERROR, attempts.get(0).getStatus().getCode());
            assertEquals(200L, attr(attempts.get(1), "http.response.status_code"));
            assertEquals("succeeded", attr(attempts.get(1), "hcc.outcome"));
            assertNotEquals(Status.StatusCode.STATUS_CODE_ERROR, attempts.get(1).getStatus().getCode());

            // over STOMP, with the producer's traceparent: the intake (CONSUMER) joins the producer's trace
            java.util.Random random = new java.security.SecureRandom();
            byte[] traceId = new byte[16];
            byte[] spanId = new byte[8];
            random.nextBytes(traceId);
            random.nextBytes(spanId);
            String producerTrace = HexFormat.of().formatHex(traceId);
            String producerSpan = HexFormat.of().formatHex(spanId);
            Dialer.stomp(product.stompPort, List.of(new Dialer.Event("call.created", call(71002),
                    Map.of("traceparent", "00-" + producerTrace + "-" + producerSpan + "-01"))));
            receiver.await(r -> r.body().contains("\"call_id\":71002"), 1, Duration.ofSeconds(60));
            Span consumed = collector.await(s -> s.getName().equals("hcc intake call.created")
                    && attr(s, "hcc.call.id").equals(71002L), 1).get(0);
            assertEquals(Span.SpanKind.SPAN_KIND_CONSUMER, consumed.getKind());
            assertEquals("JMS", attr(consumed, "hcc.event.source"));
            assertEquals(producerTrace, hex(consumed.getTraceId()), "the producer's trace");
            assertEquals(producerSpan, hex(consumed.getParentSpanId()), "a child of the producer's span");
            Span consumedAttempt = collector.await(s -> s.getName().equals("hcc attempt call.created")
                    && s.getParentSpanId().equals(consumed.getSpanId()), 1).get(0);
            assertEquals(1L, attr(consumedAttempt, "hcc.attempt"));

            assertEquals("hcc-webhooks", collector.serviceName(), "OTEL_SERVICE_NAME's default");
            String exported = collector.exported();
            for (String secret : List.of(API_KEY, signingSecret, signingSecret.substring("whsec_".length()),
                    Product.ADMIN_PASSWORD, PHONE, "x-api-key")) {
                assertFalse(exported.contains(secret), "exported spans must not carry " + secret);
            }
            assertTrue(collector.requests() > 0);
            System.out.println("The trace of the REST event, as exported:\n" + collector.tree(hex(intake.getTraceId())));
        }
    }

    static String call(long callId) throws Exception {
        return Seeds.CALL_CREATED.json().replace("\"call_id\":11142", "\"call_id\":" + callId);
    }

    static String hex(ByteString id) {
        return HexFormat.of().formatHex(id.toByteArray());
    }

    /** An attribute's value: String, Long, Boolean or Double; null when absent. */
    static Object attr(Span span, String key) {
        for (KeyValue kv : span.getAttributesList()) {
            if (kv.getKey().equals(key)) {
                AnyValue v = kv.getValue();
                return switch (v.getValueCase()) {
                    case STRING_VALUE -> v.getStringValue();
                    case INT_VALUE -> v.getIntValue();
                    case BOOL_VALUE -> v.getBoolValue();
                    case DOUBLE_VALUE -> v.getDoubleValue();
                    default -> v.toString();
                };
            }
        }
        return "(absent: " + key + ")";
    }

    /**
     * An OpenTelemetry collector's OTLP/HTTP traces endpoint ({@code POST /v1/traces}, protobuf), keeping every span
     * it is sent and every byte.
     */
    static final class Collector implements AutoCloseable {
        private final HttpServer server;
        private final List<Span> spans = new CopyOnWriteArrayList<>();
        private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
        private final Map<String, String> resource = new LinkedHashMap<>();
        private volatile int requests;

        Collector() throws Exception {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newFixedThreadPool(2));
            server.createContext("/", x -> {
                byte[] body;
                try (InputStream in = "gzip".equalsIgnoreCase(x.getRequestHeaders().getFirst("Content-Encoding"))
                        ? new GZIPInputStream(x.getRequestBody()) : x.getRequestBody()) {
                    body = in.readAllBytes();
                }
                int status = 404;
                byte[] answer = new byte[0];
                if (x.getRequestURI().getPath().equals("/v1/traces")) {
                    synchronized (raw) {
                        raw.write(body);
                    }
                    ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
                    for (ResourceSpans rs : request.getResourceSpansList()) {
                        rs.getResource().getAttributesList().forEach(kv -> resource.put(kv.getKey(), kv.getValue().getStringValue()));
                        for (ScopeSpans ss : rs.getScopeSpansList()) {
                            spans.addAll(ss.getSpansList());
                        }
                    }
                    requests++;
                    status = 200;
                    answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                }
                x.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                x.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
                if (answer.length > 0) {
                    x.getResponseBody().write(answer);
                }
                x.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        List<Span> await(Predicate<Span> which, int count) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            List<Span> found;
            do {
                found = spans.stream().filter(which).toList();
                if (found.size() >= count) {
                    return found;
                }
                Thread.sleep(100);
            } while (System.nanoTime() < deadline);
            throw new AssertionError("expected " + count + " spans, got " + found.size() + "; all spans: "
                    + spans.stream().map(s -> s.getName() + " " + hex(s.getTraceId()) + "/" + hex(s.getSpanId())
                    + " parent " + hex(s.getParentSpanId())).toList());
        }

        /** A trace's spans, each under its parent, for the test's output. */
        String tree(String traceId) {
            List<Span> trace = spans.stream().filter(s -> hex(s.getTraceId()).equals(traceId)).toList();
            StringBuilder out = new StringBuilder();
            trace.stream().filter(s -> trace.stream().noneMatch(p -> p.getSpanId().equals(s.getParentSpanId())))
                    .forEach(root -> tree(trace, root, "  ", out));
            return out.toString();
        }

        private static void tree(List<Span> trace, Span span, String indent, StringBuilder out) {
            out.append(indent).append(span.getName()).append(" [").append(span.getKind()).append(", ")
                    .append((span.getEndTimeUnixNano() - span.getStartTimeUnixNano()) / 1_000_000).append(" ms] ")
                    .append(span.getAttributesList().stream().map(kv -> kv.getKey() + "=" + attr(span, kv.getKey())).toList())
                    .append('\n');
            trace.stream().filter(c -> c.getParentSpanId().equals(span.getSpanId()))
                    .sorted(java.util.Comparator.comparingLong(Span::getStartTimeUnixNano))
                    .forEach(c -> tree(trace, c, indent + "  ", out));
        }

        String serviceName() {
            return resource.get("service.name");
        }

        int requests() {
            return requests;
        }

        /** Everything exported, as text, to look for what must not be there. */
        String exported() {
            synchronized (raw) {
                return raw.toString(StandardCharsets.ISO_8859_1);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
