package com.hcc.webhooks.events.boundary;

import com.hcc.webhooks.events.entity.EventSource;
import com.hcc.webhooks.platform.boundary.ApiSchemas;
import com.hcc.webhooks.platform.boundary.Problems;
import com.hcc.webhooks.platform.boundary.RestApplication;
import jakarta.ejb.EJB;
import com.hcc.webhooks.platform.control.Jsons;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Event intake over HTTP, for producers that cannot speak JMS. Answers 202 once the event is durably stored
 * (the transaction committed), 422 with the reason when it was rejected (it is kept, with its body, for the
 * logs), and 200 for a repeated Idempotency-Key.
 */
@Path("v1/events/{event}")
@Tag(name = "Events")
@SecurityRequirement(name = RestApplication.BASIC)
@SecurityRequirement(name = RestApplication.BEARER)
public class EventsResource {

    @EJB
    Intake intake;

    @jakarta.inject.Inject
    com.hcc.webhooks.platform.boundary.Caller caller;

    @POST
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.WILDCARD})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "publishEvent", summary = "Publish an event",
            description = "As a dialer would over JMS. A user's or token's event is filed under their own account,"
                    + " whatever the body says; an operator's under accountId, or the payload's account_id."
                    + " A rejected event is kept, with its body, for the logs.")
    @APIResponse(responseCode = "202", description = "Stored; its deliveries are queued",
            content = @Content(schema = @Schema(implementation = ApiSchemas.EventReceipt.class)))
    @APIResponse(responseCode = "200", description = "This Idempotency-Key was seen before: nothing new was queued",
            content = @Content(schema = @Schema(implementation = ApiSchemas.EventReceipt.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "422", description = "Rejected, with the reason; stored as a rejected event",
            content = @Content(mediaType = Problems.PROBLEM, schema = @Schema(implementation = ApiSchemas.Problem.class),
                    example = "{\"type\":\"about:blank\",\"title\":\"Event rejected\",\"status\":422,\"detail\":"
                            + "\"no account: neither the accountId property nor the payload's account_id is set"
                            + " (stored as rejected event 1002)\"}"))
    public Response receive(@PathParam("event") @Parameter(description = "The event's name", required = true,
                                    schema = @Schema(enumeration = {"call.created", "call.ended", "call.saved",
                                        "lead.reg_f_blocked"}), example = "call.created") String event,
                            @HeaderParam("Idempotency-Key") @Parameter(description = "A repeat with the same key is"
                                    + " answered 200 and not delivered again", example = "dialer-7-11142-created")
                            String idempotencyKey,
                            @QueryParam("accountId") @Parameter(description = "Operators: the account to file it under"
                                    + " (default: the payload's account_id); ignored for everyone else",
                                    example = "12345678") String accountId,
                            @RequestBody(required = true, description = "The event's payload as the dialer publishes it",
                                    content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                            schema = @Schema(ref = "EventPayload")))
                            String body) {
        // a user or token of an account can only file events under that account, whatever the body says
        com.hcc.webhooks.users.boundary.Identity who = caller.identity();
        String account = who != null && !who.operator() ? who.accountId() : accountId;
        Intake.Receipt r = intake.receive(EventSource.REST, event, body, idempotencyKey, account);
        if (!r.accepted()) {
            return Problems.of(422, "Event rejected", r.reason() + " (stored as rejected event " + r.eventId() + ")",
                    List.of());
        }
        String json = Jsons.createObjectBuilder()
                .add("eventId", r.eventId())
                .add("duplicate", r.duplicate())
                .add("deliveries", r.deliveries())
                .build().toString();
        return Response.status(r.duplicate() ? 200 : 202).type(MediaType.APPLICATION_JSON).entity(json).build();
    }
}
