// HCC Webhooks: a webhook receiver in one file, JDK only. What it does and why: docs/receivers.md.
//
//   HCC_RECEIVER_SECRET=whsec_... java scripts/receiver/Receiver.java [PORT]      (or: ./hcc receiver [PORT])
//
// Listens on 127.0.0.1, port PORT, else HCC_RECEIVER_PORT, else 9000. Each request: the Standard Webhooks
// signature is checked with the webhook's signing secret (401 when it does not match), a webhook-id seen before
// is answered 200 and not processed again, and one block is printed per delivery.

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class Receiver {

    static final long TOLERANCE_SECONDS = 5 * 60;
    static final int REMEMBERED_IDS = 10_000;
    static final Set<String> EVENTS = Set.of("call.created", "call.ended", "call.saved", "lead.reg_f_blocked");

    /** The webhook-ids already processed, oldest first; past REMEMBERED_IDS the oldest is forgotten. */
    static final Map<String, Instant> seen = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > REMEMBERED_IDS;
        }
    };

    static byte[] key;

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args.length > 0 ? args[0] : env("HCC_RECEIVER_PORT", "9000"));
        String secret = env("HCC_RECEIVER_SECRET", "");
        if (!secret.isBlank()) {
            try {
                key = signingKey(secret);
                if (key.length == 0) {
                    throw new IllegalArgumentException("no key after whsec_");
                }
            } catch (IllegalArgumentException e) {
                System.err.println("HCC_RECEIVER_SECRET is not a signing secret (whsec_ and base64): " + e.getMessage());
                System.exit(2);
            }
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", Receiver::handle);
        server.start();
        System.out.println("HCC receiver (Java) listening on http://127.0.0.1:" + port + "/");
        System.out.println("  target URL for a webhook, one path per event: http://127.0.0.1:" + port + "/hooks/call.created");
        System.out.println("  (the product must allow loopback targets: HCC_DELIVERY_ALLOWED_NETWORKS=127.0.0.0/8)");
        if (key == null) {
            System.out.println("WARNING: HCC_RECEIVER_SECRET is not set: signatures are NOT checked, anyone can post here."
                    + " Set it to the webhook's signing secret (whsec_...).");
        } else {
            System.out.println("  signatures checked with HCC_RECEIVER_SECRET, webhook-timestamp within 5 minutes of now");
        }
    }

    /** The HMAC key: the base64 after "whsec_" in the webhook's signing secret. */
    static byte[] signingKey(String secret) {
        String s = secret.strip();
        return Base64.getDecoder().decode(s.startsWith("whsec_") ? s.substring("whsec_".length()) : s);
    }

    /**
     * Standard Webhooks: webhook-signature holds one or more "v1,<base64 HMAC-SHA256>" separated by spaces (two
     * while a secret is being rotated), each over "<webhook-id>.<webhook-timestamp>.<body>"; one match is enough.
     * Returns null when the request is genuine, else why it is not.
     */
    static String verify(byte[] key, String id, String timestamp, String signatures, byte[] body) {
        if (id == null || timestamp == null || signatures == null) {
            return "missing webhook-id, webhook-timestamp or webhook-signature";
        }
        long sent;
        try {
            sent = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return "webhook-timestamp is not a number";
        }
        if (Math.abs(Instant.now().getEpochSecond() - sent) > TOLERANCE_SECONDS) {
            return "webhook-timestamp is more than 5 minutes from now (a replay, or a clock that is off)";
        }
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            expected = mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        for (String signature : signatures.split(" ")) {
            if (signature.startsWith("v1,")) {
                try {
                    byte[] given = Base64.getDecoder().decode(signature.substring(3));
                    if (MessageDigest.isEqual(expected, given)) { // constant time
                        return null;
                    }
                } catch (IllegalArgumentException notBase64) {
                    // not this one
                }
            }
        }
        return "no v1 signature matches the secret";
    }

    /** One request: verify, de-duplicate, print, answer. One at a time (synchronized), so blocks never mix. */
    static synchronized void handle(HttpExchange x) throws IOException {
        byte[] body = x.getRequestBody().readAllBytes();
        Headers h = x.getRequestHeaders();
        String id = h.getFirst("webhook-id");
        String path = x.getRequestURI().getPath();
        StringBuilder out = new StringBuilder();
        out.append("=== ").append(x.getRequestMethod()).append(' ').append(x.getRequestURI()).append("  (")
                .append(Instant.now()).append(")\n");
        out.append("webhook-id:        ").append(id == null ? "(none)" : id).append('\n');
        out.append("webhook-timestamp: ").append(Objects.requireNonNullElse(h.getFirst("webhook-timestamp"), "(none)")).append('\n');
        out.append("event:             ").append(event(path)).append('\n');
        int status = 200;
        String problem = key == null ? null
                : verify(key, id, h.getFirst("webhook-timestamp"), h.getFirst("webhook-signature"), body);
        if (problem != null) {
            out.append("signature INVALID: ").append(problem).append('\n');
            status = 401;
        } else {
            out.append(key == null ? "signature NOT CHECKED (no HCC_RECEIVER_SECRET)" : "signature OK").append('\n');
            if (id != null && seen.containsKey(id)) {
                out.append("DUPLICATE of ").append(id).append(", first processed at ").append(seen.get(id))
                        .append(": answered 200, not processed again\n");
            } else {
                if (id != null) {
                    seen.put(id, Instant.now());
                }
                // the work would go here, or better, into a queue: answer first, process afterwards
                out.append(body.length == 0 ? "(no body)" : pretty(new String(body, StandardCharsets.UTF_8))).append('\n');
            }
        }
        out.append("-> ").append(status).append('\n');
        System.out.print(out);
        System.out.flush();
        byte[] answer = (status == 200 ? "{\"ok\":true}" : "{\"error\":\"invalid signature\"}")
                .getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, answer.length);
        try (OutputStream o = x.getResponseBody()) {
            o.write(answer);
        }
    }

    /** The product sends no event header: a webhook carries one event, so give each its own path. */
    static String event(String path) {
        String last = path.substring(path.lastIndexOf('/') + 1);
        return EVENTS.contains(last) ? last + " (from the URL path)"
                : "? (not sent in the request: give each webhook its own path, e.g. /hooks/call.created)";
    }

    /** JSON laid out one value a line (only the spacing changes), or the text as it is when it is not JSON. */
    static String pretty(String text) {
        String t = text.strip();
        if (!t.startsWith("{") && !t.startsWith("[")) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\' && i + 1 < t.length()) {
                    out.append(t.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    inString = true;
                    out.append(c);
                }
                case '{', '[' -> {
                    int next = nextNonSpace(t, i + 1);
                    if (next < t.length() && (t.charAt(next) == '}' || t.charAt(next) == ']')) {
                        out.append(c).append(t.charAt(next)); // {} or []
                        i = next;
                    } else {
                        out.append(c).append('\n').append("  ".repeat(++depth));
                    }
                }
                case '}', ']' -> {
                    if (--depth < 0) {
                        return text;
                    }
                    out.append('\n').append("  ".repeat(depth)).append(c);
                }
                case ',' -> out.append(",\n").append("  ".repeat(depth));
                case ':' -> out.append(": ");
                case ' ', '\t', '\r', '\n' -> { }
                default -> out.append(c);
            }
        }
        return depth == 0 && !inString ? out.toString() : text;
    }

    static int nextNonSpace(String t, int i) {
        while (i < t.length() && Character.isWhitespace(t.charAt(i))) {
            i++;
        }
        return i;
    }

    static String env(String name, String otherwise) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? otherwise : v;
    }
}
