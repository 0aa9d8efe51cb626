package com.hcc.webhooks.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hcc.webhooks.accounts.boundary.Accounts;
import com.hcc.webhooks.credentials.boundary.Credentials;
import com.hcc.webhooks.events.entity.EventType;
import com.hcc.webhooks.logs.boundary.Logs;
import com.hcc.webhooks.logs.boundary.LogsResource;
import com.hcc.webhooks.platform.control.ProblemException;
import com.hcc.webhooks.users.boundary.Tokens;
import com.hcc.webhooks.users.boundary.TokensResource;
import com.hcc.webhooks.users.boundary.Users;
import com.hcc.webhooks.webhooks.boundary.Webhooks;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OpenAPI document describes the bodies with {@link ApiSchemas}, not with the records the API really reads
 * and writes: each must have the same fields as its record, the same enum constants, and {@code format: int64}
 * where the record has a long (Payara would call it a number otherwise), so that the document cannot drift.
 */
class ApiSchemasTest {

    static Stream<Arguments> pairs() {
        return Stream.of(
                Arguments.of(ApiSchemas.Account.class, Accounts.AccountView.class),
                Arguments.of(ApiSchemas.AccountInput.class, Accounts.AccountInput.class),
                Arguments.of(ApiSchemas.Access.class, Credentials.AccessView.class),
                Arguments.of(ApiSchemas.AccessInput.class, Credentials.AccessInput.class),
                Arguments.of(ApiSchemas.Webhook.class, Webhooks.WebhookView.class),
                Arguments.of(ApiSchemas.WebhookInput.class, Webhooks.WebhookInput.class),
                Arguments.of(ApiSchemas.CreatedWebhook.class, Webhooks.CreatedWebhook.class),
                Arguments.of(ApiSchemas.TestResult.class, com.hcc.webhooks.delivery.boundary.Deliveries.TestResult.class),
                Arguments.of(ApiSchemas.LogRow.class, Logs.Row.class),
                Arguments.of(ApiSchemas.LogPage.class, LogsResource.PageView.class),
                Arguments.of(ApiSchemas.Recovery.class, com.hcc.webhooks.delivery.boundary.Deliveries.Recovery.class),
                Arguments.of(ApiSchemas.Token.class, Tokens.TokenView.class),
                Arguments.of(ApiSchemas.TokenInput.class, TokensResource.TokenInput.class),
                Arguments.of(ApiSchemas.CreatedToken.class, Tokens.CreatedToken.class),
                Arguments.of(ApiSchemas.User.class, Users.UserView.class),
                Arguments.of(ApiSchemas.UserInput.class, Users.UserInput.class),
                Arguments.of(ApiSchemas.UserChange.class, Users.UserChange.class),
                Arguments.of(ApiSchemas.ReencryptResult.class, KeyRotation.Result.class),
                Arguments.of(ApiSchemas.FieldError.class, ProblemException.FieldError.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void describesItsRecordFieldForField(Class<?> schema, Class<?> real) throws Exception {
        assertEquals(names(real), names(schema), schema.getSimpleName() + " against " + real.getName());
        for (RecordComponent c : real.getRecordComponents()) {
            checkComponent(schema, c.getName(), c.getType());
        }
    }

    @org.junit.jupiter.api.Test
    void theExpandedLogRowIsTheRowWithWhatWasSentAndEveryAttempt() throws Exception {
        Set<String> expected = names(Logs.Row.class);
        expected.remove("attempts"); // the count becomes the list
        expected.addAll(List.of("request", "response", "attempts", "rejectReason", "rawBody", "orderNote"));
        assertEquals(expected, names(ApiSchemas.LogDetail.class));
        for (RecordComponent c : Logs.Row.class.getRecordComponents()) {
            if (!c.getName().equals("attempts")) {
                checkComponent(ApiSchemas.LogDetail.class, c.getName(), c.getType());
            }
        }
    }

    @org.junit.jupiter.api.Test
    void everySchemaIsNamedAndTitledAsItsClassForTheFilter() {
        for (Class<?> c : ApiSchemas.class.getDeclaredClasses()) {
            Schema s = c.getAnnotation(Schema.class);
            assertNotNull(s, c.getName());
            assertEquals(c.getSimpleName(), s.name(), c.getName());
            assertEquals(c.getSimpleName(), s.title(), "OpenApiFilter recognises Payara's copies by the title: " + c);
            assertTrue(!s.description().isBlank(), c.getName());
        }
    }

    @org.junit.jupiter.api.Test
    void theEventExampleIsTheDocumentedCallCreatedSample() throws Exception {
        java.nio.file.Path seed = java.nio.file.Path.of(System.getProperty("seed.dir",
                "../ejb-module/src/main/resources/seed-payloads"), "call-created.json");
        try (var file = jakarta.json.Json.createReader(java.nio.file.Files.newBufferedReader(seed));
             var example = jakarta.json.Json.createReader(new java.io.StringReader(ApiSchemas.CALL_CREATED))) {
            assertEquals(file.readObject().getJsonObject("json"), example.readObject());
        }
    }

    private static void checkComponent(Class<?> schema, String name, Class<?> type) throws Exception {
        Schema s = schema.getDeclaredField(name).getAnnotation(Schema.class);
        String where = schema.getSimpleName() + "." + name;
        if (type == long.class || type == Long.class) {
            assertTrue(s != null && s.format().equals("int64"), where + " is a long: format int64");
        }
        if (type.isEnum()) {
            assertTrue(s != null, where + " is an enum: list its constants");
            assertEquals(Arrays.stream(type.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList(),
                    List.of(s.enumeration()), where);
        }
        if (name.equals("event") && s != null && s.enumeration().length > 0) {
            assertEquals(Arrays.stream(EventType.values()).map(EventType::wireName).toList(), List.of(s.enumeration()), where);
        }
    }

    private static Set<String> names(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @org.junit.jupiter.api.Test
    void everyMapOfStringsIsOneTheFilterGivesItsValueType() {
        Set<String> maps = new TreeSet<>();
        for (Class<?> c : ApiSchemas.class.getDeclaredClasses()) {
            if (c.isRecord()) {
                for (RecordComponent rc : c.getRecordComponents()) {
                    if (rc.getGenericType().getTypeName().equals("java.util.Map<java.lang.String, java.lang.String>")) {
                        maps.add(c.getAnnotation(Schema.class).name() + "." + rc.getName());
                    }
                }
            }
        }
        Set<String> filtered = OpenApiFilter.STRING_MAPS.entrySet().stream().map(e -> e.getKey() + "." + e.getValue())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(maps, filtered, "OpenApiFilter.STRING_MAPS lists every Map<String, String> of ApiSchemas");
    }
}
