package com.hcc.webhooks.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.hcc.webhooks.client.ApiClient;
import com.hcc.webhooks.client.ApiException;
import com.hcc.webhooks.client.api.AccountsApi;
import com.hcc.webhooks.client.api.TokensApi;
import com.hcc.webhooks.client.api.WebhooksApi;
import com.hcc.webhooks.client.model.Account;
import com.hcc.webhooks.client.model.AccountInput;
import com.hcc.webhooks.client.model.CreatedToken;
import com.hcc.webhooks.client.model.CreatedWebhook;
import com.hcc.webhooks.client.model.TokenInput;
import com.hcc.webhooks.client.model.WebhookInput;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The OpenAPI document: the product serves what docs/openapi.yaml says (a change to the API shows up as a diff
 * of that file in review), every operation is described, and a Java client generated from the file (by the
 * build, openapi-generator, see web-module's pom) works against the product. Refresh the file after changing the
 * API with {@code -Dopenapi.update=true} (docs/architecture.md, "The API and its OpenAPI document").
 */
class OpenApiIT {

    static final Path FILE = Path.of(System.getProperty("hcc.root", ".."), "docs/openapi.yaml");
    static final String HEADER = "# The OpenAPI document of the HCC Webhooks API, as the product serves it at /openapi.\n"
            + "# Written by OpenApiIT with -Dopenapi.update=true (docs/architecture.md); do not edit by hand.\n";
    static final Yaml YAML = yaml();
    static final List<String> TOP = List.of("openapi", "info", "servers", "tags", "paths", "components");
    static final List<String> PATH_ITEM = List.of("summary", "description", "servers", "parameters",
            "get", "put", "post", "delete", "options", "head", "patch", "trace");
    static final List<String> OPERATION = List.of("tags", "summary", "description", "operationId", "parameters",
            "requestBody", "responses", "security");
    static final String REFRESH = "mvn -B verify -pl web-module -am -Dit.test=OpenApiIT"
            + " -Dfailsafe.failIfNoSpecifiedTests=false -Dopenapi.update=true";
    /** Operations anyone may call without credentials: none (TenancyIT tries every one without). */
    static final Set<String> PUBLIC = Set.of();

    static Product product;
    /** The YAML document as served, less Payara's own top-level "endpoints" list (not OpenAPI) */
    static String served;
    /** The same document as JSON, for the checks */
    static JsonObject document;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        product = Product.start("openapi", Map.of());
        // the document is built on the first request after the deployment completed, which may follow readiness
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String yaml = "";
        while (!yaml.contains("\npaths:\n  /api/") && System.nanoTime() < deadline) {
            yaml = get(null);
            Thread.sleep(yaml.contains("\npaths:\n  /api/") ? 0 : 500);
        }
        served = withoutEndpoints(yaml);
        document = Json.createReader(new StringReader(get("application/json"))).readObject();
    }

    @AfterAll
    static void stop() {
        if (product != null) {
            product.close();
        }
    }

    /**
     * Compared as structures: Payara lists a path's operations in a different order from one start to the next.
     * The file is written in a fixed order (OpenAPI's field order, operations as GET, PUT, POST, DELETE, ...).
     */
    @Test
    void theCommittedDocumentIsWhatTheProductServes() throws Exception {
        assertTrue(served.contains("\npaths:\n  /api/v1/"), "the product serves its document:\n" + served);
        Object live = YAML.load(served);
        if (Boolean.getBoolean("openapi.update")) {
            Files.writeString(FILE, HEADER + YAML.dump(ordered(live, null)));
            System.out.println("OpenApiIT: wrote " + FILE.toRealPath());
            return;
        }
        Object committed = Files.exists(FILE) ? YAML.load(Files.readString(FILE)) : Map.of();
        if (!live.equals(committed)) {
            fail("docs/openapi.yaml is not what the product serves at /openapi (- the file, + served):\n"
                    + diff(HEADER + YAML.dump(ordered(committed, null)), HEADER + YAML.dump(ordered(live, committed)))
                    + "\nIf the API change is intended, refresh the file and commit it:\n  " + REFRESH);
        }
    }

    @Test
    void everyOperationHasASummaryItsProblemsAndItsSecurity() {
        JsonObject schemes = document.getJsonObject("components").getJsonObject("securitySchemes");
        assertEquals("basic", schemes.getJsonObject("basicAuth").getString("scheme"));
        assertEquals("bearer", schemes.getJsonObject("bearerAuth").getString("scheme"));
        JsonObject namedResponses = document.getJsonObject("components").getJsonObject("responses");
        List<String> missing = new ArrayList<>();
        int operations = 0;
        for (Map.Entry<String, JsonValue> path : document.getJsonObject("paths").entrySet()) {
            for (Map.Entry<String, JsonValue> o : path.getValue().asJsonObject().entrySet()) {
                String name = o.getKey().toUpperCase() + " " + path.getKey();
                JsonObject op = o.getValue().asJsonObject();
                operations++;
                if (op.getString("summary", "").isBlank() || op.getString("description", "").isBlank()) {
                    missing.add(name + ": summary and description");
                }
                if (op.getString("operationId", "").isBlank() || !op.containsKey("tags")) {
                    missing.add(name + ": operationId and tag");
                }
                JsonObject responses = op.getJsonObject("responses");
                if (responses.keySet().stream().noneMatch(code -> code.startsWith("2"))) {
                    missing.add(name + ": its success answer");
                }
                boolean problems = responses.entrySet().stream().filter(r -> r.getKey().startsWith("4"))
                        .map(r -> resolve(r.getValue().asJsonObject(), namedResponses))
                        .anyMatch(r -> r.containsKey("content") && r.getJsonObject("content").containsKey("application/problem+json"));
                if (!problems) {
                    missing.add(name + ": a 4xx answer as application/problem+json");
                }
                boolean secured = op.containsKey("security") && !op.getJsonArray("security").isEmpty()
                        && op.getJsonArray("security").stream().allMatch(s -> schemes.keySet().containsAll(s.asJsonObject().keySet()));
                if (!secured && !PUBLIC.contains(name)) {
                    missing.add(name + ": its security requirement (basicAuth and/or bearerAuth)");
                }
            }
        }
        assertTrue(operations >= 25, "the document lists the API: " + operations + " operations");
        assertTrue(missing.isEmpty(), "annotate these operations (see AccountsResource for the pattern):\n  "
                + String.join("\n  ", missing));
    }

    @Test
    void theDocumentNamesNoHost() {
        assertEquals("/", document.getJsonArray("servers").getJsonObject(0).getString("url"));
        assertFalse(served.contains("localhost") || served.contains("127.0.0.1") || served.contains(":" + product.httpPort),
                "the document must not depend on where the product runs");
    }

    /** The client generated from docs/openapi.yaml, against the product: both security schemes, a problem answer. */
    @Test
    void theGeneratedClientWorks() throws Exception {
        ApiClient operator = client("Basic " + Base64.getEncoder().encodeToString(
                ("admin:" + Product.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        AccountsApi accounts = new AccountsApi(operator);
        Account created = accounts.createAccount(new AccountInput().accountId("87654321").name("Generated client"));
        assertEquals("87654321", created.getAccountId());
        assertTrue(accounts.listAccounts().stream().anyMatch(a -> a.getAccountId().equals("87654321")));

        ApiException conflict = assertThrows(ApiException.class,
                () -> accounts.createAccount(new AccountInput().accountId("87654321").name("Again")));
        assertEquals(409, conflict.getCode());
        assertTrue(conflict.getResponseHeaders().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(conflict.getResponseBody().contains("already exists"), conflict.getResponseBody());

        CreatedWebhook hook = new WebhooksApi(operator).createWebhook("87654321", new WebhookInput()
                .event(WebhookInput.EventEnum.CALL_CREATED).targetUrl("http://127.0.0.1:9/hooks/calls"));
        assertTrue(hook.getSigningSecret().startsWith("whsec_"));
        assertEquals("call.created", hook.getWebhook().getEvent().getValue());

        CreatedToken token = new TokensApi(operator).createToken("87654321",
                new TokenInput().name("generated client").scope(TokenInput.ScopeEnum.READ));
        ApiClient reader = client("Bearer " + token.getSecret());
        assertEquals(List.of("87654321"), new AccountsApi(reader).listAccounts().stream().map(Account::getAccountId).toList());
        assertEquals(1, new WebhooksApi(reader).listWebhooks("87654321").size());
        assertEquals(403, assertThrows(ApiException.class, () -> new WebhooksApi(reader).deleteWebhook("87654321",
                hook.getWebhook().getId())).getCode());
        new WebhooksApi(operator).deleteWebhook("87654321", hook.getWebhook().getId()); // 204, Accept: problem+json only
        assertEquals(0, new WebhooksApi(reader).listWebhooks("87654321").size());
    }

    // --- helpers ---------------------------------------------------------------------------------------

    static Yaml yaml() {
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setIndent(2);
        o.setWidth(120);
        return new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(o), o);
    }

    /**
     * The document with its keys in a fixed order: the top level, path items and operations in OpenAPI's order,
     * answers by status; any other map in the order of {@code like} (the file, so that a diff shows changes rather
     * than moves), and else as served.
     */
    static Object ordered(Object value, Object like) {
        return ordered(value, like, "document");
    }

    @SuppressWarnings("unchecked")
    private static Object ordered(Object value, Object like, String kind) {
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                out.add(ordered(list.get(i), like instanceof List<?> l && i < l.size() ? l.get(i) : null, ""));
            }
            return out;
        }
        if (!(value instanceof Map<?, ?>)) {
            return value;
        }
        Map<String, Object> map = (Map<String, Object>) value;
        Map<String, Object> likeMap = like instanceof Map<?, ?> l ? (Map<String, Object>) l : Map.of();
        List<String> fixed = switch (kind) {
            case "document" -> TOP;
            case "path" -> PATH_ITEM;
            case "operation" -> OPERATION;
            default -> List.of();
        };
        List<String> likeKeys = new ArrayList<>(likeMap.keySet());
        List<String> keys = new ArrayList<>(map.keySet());
        if (kind.equals("responses")) {
            keys.sort(null);
        } else {
            keys.sort(Comparator.comparingInt((String k) -> rank(fixed, k)).thenComparingInt(k -> rank(likeKeys, k)));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : keys) {
            String inner = switch (kind) {
                case "document" -> k.equals("paths") ? "paths" : "";
                case "paths" -> "path";
                case "path" -> PATH_ITEM.indexOf(k) >= 4 ? "operation" : "";
                case "operation" -> k.equals("responses") ? "responses" : "";
                default -> "";
            };
            out.put(k, ordered(map.get(k), likeMap.get(k), inner));
        }
        return out;
    }

    private static int rank(List<String> order, String key) {
        int i = order.indexOf(key);
        return i < 0 ? order.size() : i;
    }

    static ApiClient client(String authorization) {
        ApiClient c = new ApiClient();
        c.updateBaseUri(product.baseUrl());
        c.setRequestInterceptor(b -> b.header("Authorization", authorization));
        return c;
    }

    static String get(String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(product.baseUrl() + "/openapi")).timeout(Duration.ofSeconds(30));
        if (accept != null) {
            b.header("Accept", accept);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? r.body().replace("\r\n", "\n") : "";
    }

    /** Payara adds a top-level "endpoints" list of its own; OpenAPI has no such field (generators refuse it). */
    static String withoutEndpoints(String yaml) {
        return yaml.replaceAll("(?ms)^endpoints:\n(?:[ -].*?\n)*", "");
    }

    static JsonObject resolve(JsonObject response, JsonObject named) {
        String ref = response.getString("$ref", null);
        return ref == null ? response : named.getJsonObject(ref.substring(ref.lastIndexOf('/') + 1));
    }

    /** A unified diff of the lines, two lines of context, at most 80 lines. */
    static String diff(String expected, String actual) {
        String[] a = expected.split("\n", -1);
        String[] b = actual.split("\n", -1);
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> ops = new ArrayList<>(); // "  x" in both, "- x" only in the file, "+ x" only served
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                ops.add("  " + a[i++]);
                j++;
            } else if (i < a.length && (j == b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
                ops.add("- " + a[i++]);
            } else {
                ops.add("+ " + b[j++]);
            }
        }
        StringBuilder out = new StringBuilder();
        int lines = 0;
        int lastShown = -1;
        int fileLine = 0;
        for (int k = 0; k < ops.size() && lines < 80; k++) {
            if (!ops.get(k).startsWith("+")) {
                fileLine++;
            }
            boolean near = false;
            for (int d = -2; d <= 2 && !near; d++) {
                int n = k + d;
                near = n >= 0 && n < ops.size() && !ops.get(n).startsWith(" ");
            }
            if (near) {
                if (k != lastShown + 1) {
                    out.append("@@ line ").append(fileLine).append('\n');
                }
                out.append(ops.get(k)).append('\n');
                lastShown = k;
                lines++;
            }
        }
        return lines >= 80 ? out + "... (more differences)\n" : out.toString();
    }
}
