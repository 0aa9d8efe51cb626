package com.hcc.webhooks.logs.boundary;

import jakarta.ejb.EJB;
import com.hcc.webhooks.platform.control.Jsons;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.List;

/**
 * Reports -> Webhooks Logs over HTTP: the filtered rows with cursor paging (or all of them as CSV with
 * {@code Accept: text/csv}), one row expanded, resend.
 */
@Path("v1/accounts/{accountId}/logs")
public class LogsResource {

    public static final String CSV = "text/csv";
    private static final Jsonb JSONB = JsonbBuilder.create();

    @EJB
    Logs logs;

    @PathParam("accountId")
    String accountId;

    /** The report's filters as query parameters. */
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

        Logs.Filter filter() {
            return Logs.Filter.parse(from, to, event, webhookId, status, search);
        }
    }

    public record PageView(List<Logs.Row> items, String nextCursor) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public PageView list(@BeanParam Query query, @QueryParam("cursor") String cursor,
                         @QueryParam("limit") @DefaultValue("50") int limit,
                         @QueryParam("order") @DefaultValue("desc") String order) {
        if (limit < 1 || limit > Logs.MAX_PAGE_SIZE) {
            throw com.hcc.webhooks.platform.control.ProblemException.invalid(List.of(
                    new com.hcc.webhooks.platform.control.ProblemException.FieldError("limit",
                            "must be between 1 and " + Logs.MAX_PAGE_SIZE)));
        }
        Logs.Page page = logs.page(accountId, query.filter(), cursor, limit, "asc".equalsIgnoreCase(order));
        return new PageView(page.rows(), page.nextCursor());
    }

    @GET
    @Produces(CSV)
    public Response csv(@BeanParam Query query) {
        Logs.Filter filter = query.filter();
        logs.count(accountId, filter); // an unknown account answers 404 before the stream starts
        StreamingOutput body = out -> LogExport.write(logs, accountId, filter, out);
        return Response.ok(body, CSV + "; charset=UTF-8")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + LogExport.fileName(accountId) + "\"")
                .build();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject get(@PathParam("id") String id) {
        return detailJson(logs.detail(accountId, id));
    }

    /** A new attempt now, with the same webhook-id. */
    @POST
    @Path("{id}/resend")
    @Produces(MediaType.APPLICATION_JSON)
    public Response resend(@PathParam("id") String id) {
        return Response.accepted(logs.resend(accountId, id)).type(MediaType.APPLICATION_JSON).build();
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
