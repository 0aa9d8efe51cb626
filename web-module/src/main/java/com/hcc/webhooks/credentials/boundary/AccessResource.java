package com.hcc.webhooks.credentials.boundary;

import com.hcc.webhooks.platform.boundary.ApiSchemas;
import com.hcc.webhooks.platform.boundary.Problems;
import com.hcc.webhooks.platform.boundary.RestApplication;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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

/** Webhooks -> Access Setup over HTTP. Secrets are write-only: reads return them masked. */
@Path("v1/accounts/{accountId}/access")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Access")
@SecurityRequirement(name = RestApplication.BASIC)
@SecurityRequirement(name = RestApplication.BEARER)
public class AccessResource {

    @EJB
    Credentials credentials;

    @PathParam("accountId")
    String accountId;

    @GET
    @Operation(operationId = "listAccess", summary = "List the account's access credentials",
            description = "Secrets are shown only as masked hints.")
    @APIResponse(responseCode = "200", description = "The credentials",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ApiSchemas.Access.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public List<Credentials.AccessView> list() {
        return credentials.list(accountId);
    }

    @POST
    @Operation(operationId = "createAccess", summary = "Store credentials for the customer's API",
            description = "The secret is encrypted at rest and never shown again in clear.")
    @APIResponse(responseCode = "201", description = "Created; Location is its URL",
            content = @Content(schema = @Schema(implementation = ApiSchemas.Access.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "Invalid")
    public Response create(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                   schema = @Schema(ref = "AccessInput"))) Credentials.AccessInput input,
                           @Context UriInfo uri) {
        Credentials.AccessView created = credentials.create(accountId, input);
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(created.id())).build())
                .entity(created).build();
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getAccess", summary = "Read one access", description = "The secret only masked.")
    @APIResponse(responseCode = "200", description = "The access",
            content = @Content(schema = @Schema(implementation = ApiSchemas.Access.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Credentials.AccessView get(@PathParam("id") @Parameter(description = "The access's id", required = true,
            example = "1") long id) {
        return credentials.view(accountId, id);
    }

    @PUT
    @Path("{id}")
    @Operation(operationId = "updateAccess", summary = "Replace an access's settings",
            description = "A secret left out keeps the stored one; changing the type needs the new type's secret.")
    @APIResponse(responseCode = "200", description = "The access as stored",
            content = @Content(schema = @Schema(implementation = ApiSchemas.Access.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "Invalid")
    public Credentials.AccessView update(@PathParam("id") @Parameter(description = "The access's id", required = true,
                                                 example = "1") long id,
                                         @RequestBody(required = true, content = @Content(
                                                 mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AccessInput")))
                                         Credentials.AccessInput input) {
        return credentials.update(accountId, id, input);
    }

    @DELETE
    @Path("{id}")
    // no body when it works: a client that accepts only the problem answers (as generated clients do) is served
    @Produces({MediaType.APPLICATION_JSON, Problems.PROBLEM})
    @Operation(operationId = "deleteAccess", summary = "Delete an access",
            description = "Refused (409) while a webhook (not deleted) uses it.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response delete(@PathParam("id") @Parameter(description = "The access's id", required = true, example = "1")
                           long id) {
        credentials.delete(accountId, id);
        return Response.noContent().build();
    }
}
