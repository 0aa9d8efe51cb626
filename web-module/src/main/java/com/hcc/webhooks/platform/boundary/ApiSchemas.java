package com.hcc.webhooks.platform.boundary;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The API's request and answer bodies as the OpenAPI document describes them (docs/openapi.yaml). The real types
 * are the boundaries' records in the engine module, which Payara does not scan and which carry no OpenAPI
 * annotations; these mirror them field for field, and {@code ApiSchemasTest} fails when one drifts from its record.
 * Never instantiated. Times are ISO-8601 UTC; a field without a value is left out of an answer.
 */
public final class ApiSchemas {

    private static final String TIME = "2026-11-27T10:00:00Z";

    private ApiSchemas() {
    }

    // --- accounts ------------------------------------------------------------------------------------------

    @Schema(name = "Account", title = "Account", description = "A customer account: everything else belongs to one.")
    public record Account(
            @Schema(description = "The account's id in the HCC platform", example = "12345678") String accountId,
            @Schema(example = "Acme Insurance") String name,
            @Schema(format = "date-time", example = TIME) String createdAt) {
    }

    @Schema(name = "AccountInput", title = "AccountInput", description = "A new account.",
            requiredProperties = {"accountId", "name"})
    public record AccountInput(
            @Schema(description = "1-64 letters, digits, '.', '-' or '_'", pattern = "^[A-Za-z0-9._-]{1,64}$",
                    example = "12345678") String accountId,
            @Schema(maxLength = 200, example = "Acme Insurance") String name) {
    }

    @Schema(name = "AccountRename", title = "AccountRename", description = "A new name for an account (its id stays).",
            requiredProperties = {"name"})
    public record AccountRename(@Schema(maxLength = 200, example = "Acme Insurance (East)") String name) {
    }

    // --- access (credentials) ------------------------------------------------------------------------------

    @Schema(name = "Access", title = "Access", description = "Credentials for the customer's API, as read back:"
            + " the secret only as a masked hint.")
    public record Access(
            @Schema(format = "int64", example = "1") long id,
            @Schema(enumeration = {"BASIC", "API_KEY", "OAUTH2"}, example = "API_KEY") String type,
            @Schema(description = "Name of this access, unique in the account", example = "crm") String apiName,
            @Schema(description = "Header (or body field) that carries the credential", example = "x-api-key")
            String authKeyName,
            @Schema(description = "BASIC and OAUTH2", example = "hcc-webhooks") String clientId,
            @Schema(description = "The stored secret, masked", example = "test123****") String secret,
            @Schema(description = "API_KEY: where the key travels", enumeration = {"HEADER", "BODY"}, example = "HEADER")
            String headerLocation,
            @Schema(description = "OAUTH2: the token endpoint", example = "https://auth.example.com/oauth/token")
            String tokenUrl,
            @Schema(description = "OAUTH2", example = "calls:write") String scope,
            @Schema(description = "OAUTH2", example = "https://crm.example.com") String audience,
            @Schema(format = "date-time", example = TIME) String createdAt,
            @Schema(format = "date-time", example = TIME) String updatedAt,
            @Schema(description = "How many webhooks use it; while any do, it cannot be deleted", format = "int64",
                    example = "1") long webhooks) {
    }

    @Schema(name = "AccessInput", title = "AccessInput", description = "Credentials for the customer's API. Secrets are"
            + " write-only; on an update a secret left out keeps the stored one (changing the type needs the new"
            + " type's secret).", requiredProperties = {"type", "apiName", "authKeyName"})
    public record AccessInput(
            @Schema(description = "BASIC: authKeyName: Basic base64(clientId:clientSecret); API_KEY: the key as"
                    + " header or body field authKeyName; OAUTH2: client credentials, a bearer token from tokenUrl",
                    enumeration = {"BASIC", "API_KEY", "OAUTH2"}, example = "API_KEY") String type,
            @Schema(maxLength = 100, example = "crm") String apiName,
            @Schema(maxLength = 100, example = "x-api-key") String authKeyName,
            @Schema(description = "BASIC and OAUTH2 (required there)", maxLength = 255, example = "hcc-webhooks")
            String clientId,
            @Schema(description = "BASIC and OAUTH2 (required there)", writeOnly = true,
                    example = "<client secret>") String clientSecret,
            @Schema(description = "API_KEY (required there)", writeOnly = true, example = "<your API key>") String apiKey,
            @Schema(description = "API_KEY: HEADER (default) or a top-level field of the JSON body",
                    enumeration = {"HEADER", "BODY"}, example = "HEADER") String headerLocation,
            @Schema(description = "OAUTH2 (required there)", example = "https://auth.example.com/oauth/token")
            String tokenUrl,
            @Schema(description = "OAUTH2, optional", maxLength = 500, example = "calls:write") String scope,
            @Schema(description = "OAUTH2, optional", maxLength = 500, example = "https://crm.example.com")
            String audience) {
    }

    // --- webhooks ------------------------------------------------------------------------------------------

    @Schema(name = "Webhook", title = "Webhook", description = "Which event goes where, and how.")
    public record Webhook(
            @Schema(format = "int64", example = "7") long id,
            @Schema(enumeration = {"POST", "PUT", "PATCH", "GET"}, example = "POST") String requestMethod,
            @Schema(enumeration = {"call.created", "call.ended", "call.saved", "lead.reg_f_blocked",
                        "webhook.disabled", "webhook.failing", "webhook.recovered"},
                    example = "call.created") String event,
            @Schema(format = "int64", description = "The access whose credentials are sent, if any", example = "1")
            Long accessId,
            @Schema(description = "That access's name", example = "crm") String apiName,
            @Schema(example = "https://crm.example.com/hooks/calls") String targetUrl,
            boolean enabled,
            @Schema(description = "Why it was disabled automatically, if it was", example = "410 Gone from the target")
            String disabledReason,
            @Schema(example = "15") int timeoutSeconds,
            @Schema(description = "Rate limit; absent: none", example = "50") Integer maxPerSecond,
            @Schema(description = "Concurrency limit; absent: none", example = "4") Integer maxConcurrent,
            @Schema(description = "Deliver a call's events in the order the dialer published them") boolean ordered,
            @Schema(description = "Condition on the payload; absent: every event", example = "camp_id == 235")
            String filter,
            @Schema(format = "date-time", example = TIME) String createdAt,
            @Schema(format = "date-time", example = TIME) String updatedAt) {
    }

    @Schema(name = "WebhookInput", title = "WebhookInput", description = "A webhook's settings. Left out: the default.",
            requiredProperties = {"event", "targetUrl"})
    public record WebhookInput(
            @Schema(description = "GET sends the payload's top-level fields as query parameters",
                    enumeration = {"POST", "PUT", "PATCH", "GET"}, defaultValue = "POST") String requestMethod,
            @Schema(enumeration = {"call.created", "call.ended", "call.saved", "lead.reg_f_blocked",
                        "webhook.disabled", "webhook.failing", "webhook.recovered"},
                    example = "call.created") String event,
            @Schema(format = "int64", description = "An access of this account; absent: no credentials", example = "1")
            Long accessId,
            @Schema(description = "Absolute http(s) URL, no user info; private addresses are refused",
                    maxLength = 2048, example = "https://crm.example.com/hooks/calls") String targetUrl,
            @Schema(defaultValue = "true") Boolean enabled,
            @Schema(minimum = "1", maximum = "30", defaultValue = "15") Integer timeoutSeconds,
            @Schema(minimum = "1", description = "Absent: no limit", example = "50") Integer maxPerSecond,
            @Schema(minimum = "1", description = "Absent: no limit", example = "4") Integer maxConcurrent,
            @Schema(defaultValue = "true") Boolean ordered,
            @Schema(description = "e.g. camp_id == 235 && call_type == \"Outbound\"; == != > >= < <=, && || ! ( )",
                    maxLength = 1000, example = "camp_id == 235") String filter) {
    }

    @Schema(name = "CreatedWebhook", title = "CreatedWebhook", description = "The new webhook and its signing secret,"
            + " shown in this answer only.")
    public record CreatedWebhook(
            Webhook webhook,
            @Schema(description = "Verifies webhook-signature (Standard Webhooks); store it now",
                    example = "whsec_<base64 secret, shown once>") String signingSecret) {
    }

    @Schema(name = "SigningSecret", title = "SigningSecret", description = "A new signing secret, shown in this answer"
            + " only; the previous one keeps signing for 24 hours.")
    public record SigningSecret(@Schema(example = "whsec_<base64 secret, shown once>") String signingSecret) {
    }

    @Schema(name = "TestResult", title = "TestResult", description = "What the target answered to the event's sample.")
    public record TestResult(
            boolean succeeded,
            @Schema(description = "HTTP status; absent when there was no answer", example = "200") Integer status,
            @Schema(format = "int64", example = "182") long latencyMs,
            @Schema(description = "The first 2,048 characters of the answer", example = "{\"ok\":true}")
            String responseBody,
            @Schema(description = "Why there was no answer", example = "host not found: crm.example.com") String error,
            @Schema(description = "The test's row in the Webhooks Logs (GET .../logs/{logId}); absent when no request"
                    + " could be built, so nothing was sent", example = "msg_test_01M8TS9AE0BQS2MTEWWE3V5FJM")
            String logId) {
    }

    // --- logs ----------------------------------------------------------------------------------------------

    @Schema(name = "LogRow", title = "LogRow", description = "One delivery (an event to a webhook), or a rejected event.")
    public record LogRow(
            @Schema(description = "The delivery's webhook-id (msg_...) or rej_<n> for a rejected event",
                    example = "msg_01M8TS9AE0BQS2MTEWWE3V5FJM") String id,
            @Schema(format = "date-time", example = TIME) String time,
            @Schema(example = "call.created") String event,
            @Schema(format = "int64", example = "7") Long webhookId,
            @Schema(example = "crm") String apiName,
            @Schema(example = "https://crm.example.com/hooks/calls") String targetUrl,
            @Schema(format = "int64", example = "11142") Long callId,
            @Schema(format = "int64", example = "65439") Long leadId,
            @Schema(example = "9725550138") String phone,
            @Schema(enumeration = {"PENDING", "RETRYING", "SUCCEEDED", "FAILED", "REJECTED"}, example = "SUCCEEDED")
            String status,
            @Schema(description = "Attempts so far", example = "1") int attempts,
            @Schema(example = "200") Integer lastStatusCode,
            @Schema(format = "int64", example = "182") Long latencyMs,
            @Schema(example = "connection refused") String error,
            @Schema(format = "date-time", example = TIME) String nextAttemptAt,
            @Schema(description = "A Send test from the portal or the API (one attempt, never retried, never resent)",
                    example = "false") boolean test) {
    }

    @Schema(name = "LogPage", title = "LogPage", description = "A page of rows, newest first unless order=asc.")
    public record LogPage(
            @Schema(type = SchemaType.ARRAY, implementation = LogRow.class) List<LogRow> items,
            @Schema(description = "Pass as cursor for the next page; absent on the last page") String nextCursor) {
    }

    @Schema(name = "LogDetail", title = "LogDetail", description = "One row expanded: what was sent (secrets masked),"
            + " the last answer, every attempt; for a rejected event why, and the body as received.")
    public record LogDetail(
            @Schema(example = "msg_01M8TS9AE0BQS2MTEWWE3V5FJM") String id,
            @Schema(format = "date-time", example = TIME) String time,
            @Schema(example = "call.created") String event,
            @Schema(format = "int64", example = "7") Long webhookId,
            @Schema(example = "crm") String apiName,
            @Schema(example = "https://crm.example.com/hooks/calls") String targetUrl,
            @Schema(format = "int64", example = "11142") Long callId,
            @Schema(format = "int64", example = "65439") Long leadId,
            @Schema(example = "9725550138") String phone,
            @Schema(enumeration = {"PENDING", "RETRYING", "SUCCEEDED", "FAILED", "REJECTED"}, example = "SUCCEEDED")
            String status,
            @Schema(example = "200") Integer lastStatusCode,
            @Schema(format = "int64", example = "182") Long latencyMs,
            @Schema(example = "connection refused") String error,
            @Schema(format = "date-time", example = TIME) String nextAttemptAt,
            @Schema(description = "A Send test (one attempt, never retried, never resent)", example = "false")
            boolean test,
            LogRequest request,
            LogResponse response,
            @Schema(type = SchemaType.ARRAY, implementation = Attempt.class) List<Attempt> attempts,
            @Schema(example = "no account: neither the accountId property nor the payload's account_id is set")
            String rejectReason,
            @Schema(description = "A rejected event's body as received") String rawBody,
            @Schema(description = "Why the delivery waited for or skipped its call's order") String orderNote) {
    }

    @Schema(name = "LogRequest", title = "LogRequest", description = "The request as sent: headers (secrets masked) and"
            + " the JSON body.")
    public record LogRequest(
            @Schema(type = SchemaType.OBJECT, example = "{\"webhook-id\":\"msg_01M8TS9AE0BQS2MTEWWE3V5FJM\"}")
            Map<String, String> headers,
            @Schema(type = SchemaType.OBJECT, example = "{\"call_id\":11142,\"account_id\":\"12345678\"}")
            Map<String, Object> json) {
    }

    @Schema(name = "LogResponse", title = "LogResponse", description = "The last answer from the target.")
    public record LogResponse(
            @Schema(example = "200") int status,
            @Schema(type = SchemaType.OBJECT, example = "{\"content-type\":\"application/json\"}")
            Map<String, String> headers,
            @Schema(example = "{\"ok\":true}") String body) {
    }

    @Schema(name = "Attempt", title = "Attempt", description = "One HTTP attempt.")
    public record Attempt(
            @Schema(example = "1") int number,
            @Schema(format = "date-time", example = TIME) String startedAt,
            @Schema(format = "int64", example = "182") long durationMs,
            @Schema(example = "Succeeded (200)") String outcome,
            boolean succeeded,
            @Schema(example = "200") Integer responseStatus,
            @Schema(example = "connection refused") String error,
            @Schema(format = "date-time", example = TIME) String nextAttemptAt,
            @Schema(type = SchemaType.OBJECT, description = "Headers as sent, secrets masked")
            Map<String, String> requestHeaders) {
    }

    @Schema(name = "Recovery", title = "Recovery", description = "How many failed deliveries were queued again.")
    public record Recovery(
            @Schema(format = "int64", example = "7") long webhookId,
            @Schema(format = "date-time", example = TIME) String since,
            @Schema(example = "42") int requeued) {
    }

    // --- events --------------------------------------------------------------------------------------------

    /** The documented Call Created sample (ejb-module seed-payloads/call-created.json). */
    static final String CALL_CREATED = "{\"call_id\":11142,\"call_date\":\"2023-06-27 13:22:18\",\"lead_id\":65439,\"call_result\":-1,"
            + "\"agent_disp\":-1,\"agent_id\":0,\"call_type\":\"Outbound\",\"revenue\":0,\"dnis\":\"\","
            + "\"phone\":\"9725550138\",\"camp_id\":235,\"pool_id\":591,\"account_id\":\"12345678\","
            + "\"call_duration\":0,\"talk_time\":0,\"hold_time\":0,\"queue_time\":0,\"ivr_time\":0,"
            + "\"position\":0,\"is_abandoned\":false,\"api_sent\":false,\"call_final_event\":null,"
            + "\"idle_time\":0,\"wrap_time\":0,\"preview_time\":0,\"callback_time\":null,\"callback_call_id\":0,"
            + "\"caller_id\":\"9725550106\",\"onhold_queue\":false,\"internal\":false,\"billable_seconds\":0}";

    @Schema(name = "EventPayload", title = "EventPayload", type = SchemaType.OBJECT, example = CALL_CREATED,
            description = "An event as the dialer publishes it: the payload that is delivered. Its account is the"
                    + " caller's (an operator's: accountId, or account_id in the payload).")
    public static final class EventPayload {
        private EventPayload() {
        }
    }

    @Schema(name = "EventReceipt", title = "EventReceipt", description = "The event is stored; its deliveries are queued.")
    public record EventReceipt(
            @Schema(format = "int64", example = "1001") long eventId,
            @Schema(description = "true: this Idempotency-Key was seen before; nothing new was queued") boolean duplicate,
            @Schema(description = "Deliveries queued (one per matching webhook)", example = "1") int deliveries) {
    }

    // --- users and tokens ----------------------------------------------------------------------------------

    @Schema(name = "Token", title = "Token", description = "An account's API token, without the token itself.")
    public record Token(
            @Schema(format = "int64", example = "3") long id,
            @Schema(example = "CRM sync") String name,
            @Schema(description = "The token's first characters, to recognise it", example = "hcc_AbCd12") String prefix,
            @Schema(description = "READ: like a viewer; WRITE: like an account admin", enumeration = {"READ", "WRITE"},
                    example = "WRITE") String scope,
            @Schema(example = "admin") String createdBy,
            @Schema(format = "date-time", example = TIME) String createdAt,
            @Schema(format = "date-time", example = TIME) String lastUsedAt,
            @Schema(format = "date-time", example = TIME) String revokedAt) {
    }

    @Schema(name = "TokenInput", title = "TokenInput", description = "A new API token.",
            requiredProperties = {"name", "scope"})
    public record TokenInput(
            @Schema(description = "What uses it", maxLength = 100, example = "CRM sync") String name,
            @Schema(enumeration = {"READ", "WRITE"}, example = "WRITE") String scope) {
    }

    @Schema(name = "CreatedToken", title = "CreatedToken", description = "The new token, shown in this answer only.")
    public record CreatedToken(
            Token token,
            @Schema(description = "Send as Authorization: Bearer <secret>; store it now",
                    example = "hcc_<token, shown once>") String secret) {
    }

    @Schema(name = "User", title = "User", description = "A user of the portal and the API.")
    public record User(
            @Schema(format = "int64", example = "2") long id,
            @Schema(example = "jane.doe") String username,
            @Schema(enumeration = {"OPERATOR", "ACCOUNT_ADMIN", "ACCOUNT_VIEWER"}, example = "ACCOUNT_ADMIN") String role,
            @Schema(description = "Absent for operators", example = "12345678") String accountId,
            boolean enabled,
            @Schema(format = "date-time", example = TIME) String lastLoginAt,
            @Schema(description = "Locked for a moment after repeated failed sign-ins") boolean locked) {
    }

    @Schema(name = "UserInput", title = "UserInput", description = "A new user.",
            requiredProperties = {"username", "password", "role"})
    public record UserInput(
            @Schema(description = "Letters, digits, '.', '_', '@' or '-'", maxLength = 100, example = "jane.doe")
            String username,
            @Schema(minLength = 12, writeOnly = true, example = "<at least 12 characters>") String password,
            @Schema(enumeration = {"OPERATOR", "ACCOUNT_ADMIN", "ACCOUNT_VIEWER"}, example = "ACCOUNT_ADMIN") String role,
            @Schema(description = "Required for an account admin or viewer", example = "12345678") String accountId) {
    }

    @Schema(name = "UserChange", title = "UserChange", description = "A user's new role and account, and a new"
            + " password if one is given.", requiredProperties = {"role"})
    public record UserChange(
            @Schema(enumeration = {"OPERATOR", "ACCOUNT_ADMIN", "ACCOUNT_VIEWER"}, example = "ACCOUNT_VIEWER") String role,
            @Schema(description = "Required for an account admin or viewer", example = "12345678") String accountId,
            @Schema(description = "A new password; absent or empty keeps the current one", minLength = 12,
                    writeOnly = true, example = "<at least 12 characters>") String password) {
    }

    // --- platform ------------------------------------------------------------------------------------------

    @Schema(name = "ReencryptResult", title = "ReencryptResult", description = "Secrets re-encrypted with the current key.")
    public record ReencryptResult(
            @Schema(description = "The current key's id", example = "4f5e3f56") String keyId,
            @Schema(example = "12") int credentials,
            @Schema(example = "30") int webhooks) {
    }

    @Schema(name = "Problem", title = "Problem", description = "RFC 9457 problem details: the shape of every error.")
    public record Problem(
            @Schema(example = "about:blank") String type,
            @Schema(example = "Invalid request") String title,
            @Schema(example = "422") int status,
            @Schema(description = "What is wrong, for the person who made the request", example = "name: is required")
            String detail,
            @Schema(type = SchemaType.ARRAY, implementation = FieldError.class,
                    description = "422: each wrong field") List<FieldError> errors) {
    }

    @Schema(name = "FieldError", title = "FieldError", description = "One wrong field, named as the API spells it.")
    public record FieldError(
            @Schema(example = "name") String field,
            @Schema(example = "is required") String message) {
    }
}
