package com.hcc.webhooks.logs.boundary;

import com.hcc.webhooks.logs.control.LogQuery;
import com.hcc.webhooks.delivery.boundary.Deliveries;
import com.hcc.webhooks.platform.boundary.ApiSchemas;
import com.hcc.webhooks.platform.boundary.RestApplication;
import com.hcc.webhooks.platform.control.Jsons;
import jakarta.ejb.EJB;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.Variant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Reports -> Webhooks Logs over HTTP: the filtered rows with cursor paging (or all of them as CSV with
 * {@code Accept: text/csv}), one row expanded, resend.
 */
@Path("v1/accounts/{accountId}/logs")
@Tag(name = "Logs")
@SecurityRequirement(name = RestApplication.BASIC)
@SecurityRequirement(name = RestApplication.BEARER)
public class LogsResource {

    public static final String CSV = "text/csv";
    private static final Jsonb JSONB = JsonbBuilder.create();

    @EJB
    Logs logs;

    @EJB
    Deliveries deliveries;

    @PathParam("accountId")
    String accountId;

    /** The report's filters as query parameters (docs/logs.md; described on {@link #list}). */
    public static class Query {
        @QueryParam("from")
        String from;
        @QueryParam("to")
        String to;
        @QueryParam("event")
        String event;
        @QueryParam("webhookId")
        Long webhookId;
        @QueryParam("status")
        String status;
        @QueryParam("search")
        String search;
        @QueryParam("responseCode")
        String responseCode;

        LogQuery.Filter filter() {
            return LogQuery.Filter.parse(from, to, event, webhookId, status, search, responseCode);
        }
    }

    public record PageView(List<Logs.Row> items, String nextCursor) {
    }

    /**
     * The filtered rows, a page as JSON, or every one of them as CSV ({@code Accept: text/csv}). One method for
     * both, so that the OpenAPI document has one operation with two answers (Payara merges two methods on one
     * path into one operation and keeps the parameters of only one).
     */
    @GET
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(operationId = "listLogs", summary = "Find deliveries and rejected events",
            description = "The report's filters; a page of rows (cursor paging, newest first by default) as JSON, or"
                    + " every matching row as CSV with Accept: text/csv.")
    @APIResponse(responseCode = "200", description = "The rows", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiSchemas.LogPage.class)),
        @Content(mediaType = CSV, example = "time,id,event,webhook_id,api_name,target_url,call_id,lead_id,phone,status,attempts,"
                        + "last_response_code,latency_ms,error")})
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "422", ref = "Invalid")
    @Parameter(name = "from", in = ParameterIn.QUERY, description = "Default: 24 hours before to",
            example = "2026-11-27T00:00:00Z", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    @Parameter(name = "to", in = ParameterIn.QUERY, description = "Default: now", example = "2026-11-28T00:00:00Z",
            schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    @Parameter(name = "event", in = ParameterIn.QUERY, description = "An event name", example = "call.created",
            schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"call.created", "call.ended", "call.saved", "lead.reg_f_blocked",
                        "webhook.disabled", "webhook.failing", "webhook.recovered"}))
    @Parameter(name = "webhookId", in = ParameterIn.QUERY, description = "One webhook's deliveries", example = "7",
            schema = @Schema(type = SchemaType.INTEGER, format = "int64"))
    @Parameter(name = "status", in = ParameterIn.QUERY, example = "FAILED",
            schema = @Schema(type = SchemaType.STRING, enumeration = {"PENDING", "RETRYING", "SUCCEEDED", "FAILED", "REJECTED"}))
    @Parameter(name = "search", in = ParameterIn.QUERY, example = "9725550138", schema = @Schema(type = SchemaType.STRING),
            description = "A call id, lead id or phone number; a webhook-id (msg_...); rej_<n>; or any other text, found in"
                    + " the target URL, the credential's API name or the error (a rejected event's reason)")
    @Parameter(name = "responseCode", in = ParameterIn.QUERY, example = "503", description = "The last attempt's HTTP"
            + " status (deliveries only)", schema = @Schema(type = SchemaType.INTEGER, minimum = "100", maximum = "599"))
    public Response list(@BeanParam Query query,
                         @QueryParam("cursor") @Parameter(description = "nextCursor of the previous page") String cursor,
                         @QueryParam("limit") @DefaultValue("50") @Parameter(description = "Rows per page, 1-500",
                                 schema = @Schema(minimum = "1", maximum = "500")) int limit,
                         @QueryParam("order") @DefaultValue("desc") @Parameter(description = "By time",
                                 schema = @Schema(enumeration = {"desc", "asc"})) String order,
                         @Context Request request) {
        Variant chosen = request.selectVariant(Variant.mediaTypes(MediaType.APPLICATION_JSON_TYPE,
                MediaType.valueOf(CSV)).build());
        if (chosen != null && CSV.equals(chosen.getMediaType().toString())) {
            return csv(query);
        }
        if (limit < 1 || limit > Logs.MAX_PAGE_SIZE) {
            throw com.hcc.webhooks.platform.control.ProblemException.invalid(List.of(
                    new com.hcc.webhooks.platform.control.ProblemException.FieldError("limit",
                            "must be between 1 and " + Logs.MAX_PAGE_SIZE)));
        }
        Logs.Page page = logs.page(accountId, query.filter(), cursor, limit, "asc".equalsIgnoreCase(order));
        return Response.ok(new PageView(page.rows(), page.nextCursor()), MediaType.APPLICATION_JSON).build();
    }

    private Response csv(Query query) {
        LogQuery.Filter filter = query.filter();
        logs.count(accountId, filter); // an unknown account answers 404 before the stream starts
        StreamingOutput body = out -> LogExport.write(logs, accountId, filter, out);
        return Response.ok(body, CSV + "; charset=UTF-8")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + LogExport.fileName(accountId) + "\"")
                .build();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getLog", summary = "One row expanded",
            description = "What was sent (headers with secrets masked, the JSON body), the last answer and every"
                    + " attempt; for a rejected event why, and the body as received.")
    @APIResponse(responseCode = "200", description = "The row",
            content = @Content(schema = @Schema(implementation = ApiSchemas.LogDetail.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public JsonObject get(@PathParam("id") @Parameter(description = "A webhook-id (msg_...) or rej_<n>", required = true,
            example = "msg_01M8TS9AE0BQS2MTEWWE3V5FJM") String id) {
        return detailJson(logs.detail(accountId, id));
    }

    /** A new attempt now, with the same webhook-id. */
    @POST
    @Path("{id}/resend")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "resendLog", summary = "Resend a delivery",
            description = "A new attempt now, with the same webhook-id. A rejected event cannot be resent (409).")
    @APIResponse(responseCode = "202", description = "Queued; the row",
            content = @Content(schema = @Schema(implementation = ApiSchemas.LogRow.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response resend(@PathParam("id") @Parameter(description = "A webhook-id (msg_...)", required = true,
            example = "msg_01M8TS9AE0BQS2MTEWWE3V5FJM") String id) {
        deliveries.resend(accountId, id);
        return Response.accepted(logs.detail(accountId, id).row()).type(MediaType.APPLICATION_JSON).build();
    }

    static JsonObject detailJson(Logs.Detail d) {
        JsonObjectBuilder b = Jsons.createObjectBuilder(json(JSONB.toJson(d.row())).asJsonObject());
        if (d.requestHeaders() != null) {
            b.add("request", Jsons.createObjectBuilder().add("headers", json(d.requestHeaders()))
                    .add("json", json(d.requestJson())));
        }
        Logs.AttemptView last = d.lastAttempt();
        if (last != null && last.responseStatus() != null) {
            JsonObjectBuilder response = Jsons.createObjectBuilder().add("status", last.responseStatus());
            response.add("headers", last.responseHeaders() == null ? JsonValue.EMPTY_JSON_OBJECT : json(last.responseHeaders()));
            response.add("body", last.responseBody() == null ? JsonValue.NULL : Jsons.createValue(last.responseBody()));
            b.add("response", response);
        }
        JsonArrayBuilder attempts = Jsons.createArrayBuilder();
        for (Logs.AttemptView a : d.attempts()) {
            JsonObjectBuilder o = Jsons.createObjectBuilder()
                    .add("number", a.number()).add("startedAt", a.startedAt().toString())
                    .add("durationMs", a.durationMs()).add("outcome", a.outcome()).add("succeeded", a.succeeded());
            nullable(o, "responseStatus", a.responseStatus() == null ? null : Jsons.createValue(a.responseStatus()));
            nullable(o, "error", a.error() == null ? null : Jsons.createValue(a.error()));
            nullable(o, "nextAttemptAt", a.nextAttemptAt() == null ? null : Jsons.createValue(a.nextAttemptAt().toString()));
            o.add("requestHeaders", json(a.requestHeaders()));
            attempts.add(o);
        }
        b.add("attempts", attempts);
        if (d.rejectReason() != null) {
            b.add("rejectReason", d.rejectReason()).add("rawBody", d.rawBody());
        }
        if (d.orderNote() != null) {
            b.add("orderNote", d.orderNote());
        }
        return b.build();
    }

    private static void nullable(JsonObjectBuilder o, String name, JsonValue v) {
        o.add(name, v == null ? JsonValue.NULL : v);
    }

    /** Stored JSON text as a value; text that is not JSON (never expected) is kept as a string. */
    private static JsonValue json(String text) {
        try (JsonReader r = Jsons.createReader(text)) {
            return r.readValue();
        } catch (JsonParsingException e) {
            return Jsons.createValue(text);
        }
    }
}
