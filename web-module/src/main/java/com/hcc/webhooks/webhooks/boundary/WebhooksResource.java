package com.hcc.webhooks.webhooks.boundary;

import com.hcc.webhooks.delivery.boundary.Deliveries;
import com.hcc.webhooks.platform.boundary.ApiSchemas;
import com.hcc.webhooks.platform.boundary.Problems;
import com.hcc.webhooks.platform.boundary.RestApplication;
import com.hcc.webhooks.platform.control.Jsons;
import com.hcc.webhooks.platform.control.IsoTimes;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Webhooks -> Webhook Settings over HTTP. The signing secret is in the create answer only. */
@Path("v1/accounts/{accountId}/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
@SecurityRequirement(name = RestApplication.BASIC)
@SecurityRequirement(name = RestApplication.BEARER)
public class WebhooksResource {

    @EJB
    Webhooks webhooks;

    @EJB
    Deliveries deliveries;

    @PathParam("accountId")
    String accountId;

    @GET
    @Operation(operationId = "listWebhooks", summary = "List the account's webhooks",
            description = "Every webhook, enabled or not, without signing secrets.")
    @APIResponse(responseCode = "200", description = "The webhooks",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ApiSchemas.Webhook.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public List<Webhooks.WebhookView> list() {
        return webhooks.list(accountId);
    }

    @POST
    @Operation(operationId = "createWebhook", summary = "Create a webhook",
            description = "Answers the webhook and its signing secret, which is shown in this answer only.")
    @APIResponse(responseCode = "201", description = "Created; Location is its URL",
            content = @Content(schema = @Schema(implementation = ApiSchemas.CreatedWebhook.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "422", ref = "Invalid")
    public Response create(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                   schema = @Schema(ref = "WebhookInput"))) Webhooks.WebhookInput input,
                           @Context UriInfo uri) {
        Webhooks.CreatedWebhook created = webhooks.create(accountId, input);
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(created.webhook().id())).build())
                .entity(created).build();
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getWebhook", summary = "Read one webhook", description = "Without its signing secret.")
    @APIResponse(responseCode = "200", description = "The webhook",
            content = @Content(schema = @Schema(implementation = ApiSchemas.Webhook.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Webhooks.WebhookView get(@PathParam("id") @Parameter(description = "The webhook's id", required = true,
            example = "7") long id) {
        return webhooks.view(accountId, id);
    }

    @PUT
    @Path("{id}")
    @Operation(operationId = "updateWebhook", summary = "Replace a webhook's settings",
            description = "Fields left out take their defaults; the signing secret stays.")
    @APIResponse(responseCode = "200", description = "The webhook as stored",
            content = @Content(schema = @Schema(implementation = ApiSchemas.Webhook.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "422", ref = "Invalid")
    public Webhooks.WebhookView update(@PathParam("id") @Parameter(description = "The webhook's id", required = true,
                                               example = "7") long id,
                                       @RequestBody(required = true, content = @Content(
                                               mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "WebhookInput")))
                                       Webhooks.WebhookInput input) {
        return webhooks.update(accountId, id, input);
    }

    @DELETE
    @Path("{id}")
    // no body when it works: a client that accepts only the problem answers (as generated clients do) is served
    @Produces({MediaType.APPLICATION_JSON, Problems.PROBLEM})
    @Operation(operationId = "deleteWebhook", summary = "Delete a webhook",
            description = "Nothing more is delivered to it; its logs stay.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response delete(@PathParam("id") @Parameter(description = "The webhook's id", required = true, example = "7")
                           long id) {
        webhooks.delete(accountId, id);
        return Response.noContent().build();
    }

    /** Sends the event's documented sample to the target now; answers what came back. */
    @POST
    @Path("{id}/test")
    @Operation(operationId = "testWebhook", summary = "Send test",
            description = "Sends the event's documented sample to the target now, signed and with the credentials,"
                    + " and answers what came back. It is recorded in the Webhooks Logs as a test (logId): one attempt,"
                    + " never retried.")
    @APIResponse(responseCode = "200", description = "What the target answered (or why it did not)",
            content = @Content(schema = @Schema(implementation = ApiSchemas.TestResult.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Deliveries.TestResult test(@PathParam("id") @Parameter(description = "The webhook's id", required = true,
            example = "7") long id) {
        return webhooks.sendTest(accountId, id);
    }

    /**
     * "Resend failed since": every delivery of this webhook that failed for good since the given time is sent
     * again now (after the customer's outage). Answers how many were queued.
     */
    @POST
    @Path("{id}/recover")
    @Operation(operationId = "recoverWebhook", summary = "Resend failed since",
            description = "Every delivery of this webhook that failed for good since the given time is sent again now,"
                    + " with its webhook-id (after the customer's outage).")
    @APIResponse(responseCode = "202", description = "Queued",
            content = @Content(schema = @Schema(implementation = ApiSchemas.Recovery.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "Invalid")
    public Response recover(@PathParam("id") @Parameter(description = "The webhook's id", required = true, example = "7")
                            long id,
                            @QueryParam("since") @Parameter(description = "ISO-8601 time", required = true,
                                    example = "2026-11-27T10:00:00Z") String since) {
        return Response.accepted(deliveries.recover(accountId, id, IsoTimes.required("since", since))).build();
    }

    /** A new signing secret, in this answer only; the previous one keeps signing for 24 hours. */
    @POST
    @Path("{id}/rotate-secret")
    @Operation(operationId = "rotateWebhookSecret", summary = "New signing secret",
            description = "A new signing secret, in this answer only; for 24 hours deliveries carry signatures with"
                    + " both, so receivers can switch without losing any.")
    @APIResponse(responseCode = "200", description = "The new secret",
            content = @Content(schema = @Schema(implementation = ApiSchemas.SigningSecret.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response rotateSecret(@PathParam("id") @Parameter(description = "The webhook's id", required = true,
            example = "7") long id) {
        String secret = webhooks.rotateSigningSecret(accountId, id);
        return Response.ok(Jsons.createObjectBuilder().add("signingSecret", secret).build().toString(),
                MediaType.APPLICATION_JSON).build();
    }
}
