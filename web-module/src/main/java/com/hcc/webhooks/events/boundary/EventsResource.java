package com.hcc.webhooks.events.boundary;

import com.hcc.webhooks.events.entity.EventSource;
import com.hcc.webhooks.platform.boundary.Problems;
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

/**
 * Event intake over HTTP, for producers that cannot speak JMS. Answers 202 once the event is durably stored
 * (the transaction committed), 422 with the reason when it was rejected (it is kept, with its body, for the
 * logs), and 200 for a repeated Idempotency-Key.
 */
@Path("v1/events/{event}")
public class EventsResource {

    @EJB
    Intake intake;

    @jakarta.inject.Inject
    com.hcc.webhooks.platform.boundary.Caller caller;

    @POST
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.WILDCARD})
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(@PathParam("event") String event, @HeaderParam("Idempotency-Key") String idempotencyKey,
                            @QueryParam("accountId") String accountId, String body) {
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
