package com.hcc.webhooks.webhooks.boundary;

import com.hcc.webhooks.platform.control.Jsons;
import com.hcc.webhooks.logs.boundary.Logs;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** Webhooks -> Webhook Settings over HTTP. The signing secret is in the create answer only. */
@Path("v1/accounts/{accountId}/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WebhooksResource {

    @EJB
    Webhooks webhooks;

    @EJB
    Logs logs;

    @PathParam("accountId")
    String accountId;

    @GET
    public List<Webhooks.WebhookView> list() {
        return webhooks.list(accountId);
    }

    @POST
    public Response create(Webhooks.WebhookInput input, @Context UriInfo uri) {
        Webhooks.CreatedWebhook created = webhooks.create(accountId, input);
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(created.webhook().id())).build())
                .entity(created).build();
    }

    @GET
    @Path("{id}")
    public Webhooks.WebhookView get(@PathParam("id") long id) {
        return webhooks.view(accountId, id);
    }

    @PUT
    @Path("{id}")
    public Webhooks.WebhookView update(@PathParam("id") long id, Webhooks.WebhookInput input) {
        return webhooks.update(accountId, id, input);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        webhooks.delete(accountId, id);
        return Response.noContent().build();
    }

    /** Sends the event's documented sample to the target now; answers what came back. */
    @POST
    @Path("{id}/test")
    public Webhooks.TestResult test(@PathParam("id") long id) {
        return webhooks.sendTest(accountId, id);
    }

    /**
     * "Resend failed since": every delivery of this webhook that failed for good since the given time is sent
     * again now (after the customer's outage). Answers how many were queued.
     */
    @POST
    @Path("{id}/recover")
    public Response recover(@PathParam("id") long id, @QueryParam("since") String since) {
        return Response.accepted(logs.recover(accountId, id, Logs.parseTime("since", since))).build();
    }

    /** A new signing secret, in this answer only; the previous one keeps signing for 24 hours. */
    @POST
    @Path("{id}/rotate-secret")
    public Response rotateSecret(@PathParam("id") long id) {
        String secret = webhooks.rotateSigningSecret(accountId, id);
        return Response.ok(Jsons.createObjectBuilder().add("signingSecret", secret).build().toString(),
                MediaType.APPLICATION_JSON).build();
    }
}
