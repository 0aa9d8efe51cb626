package com.hcc.webhooks.users.boundary;

import com.hcc.webhooks.platform.boundary.ApiSchemas;
import com.hcc.webhooks.platform.boundary.Caller;
import com.hcc.webhooks.platform.boundary.RestApplication;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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

/** Platform users over HTTP: operators only (no account in the path: ApiAccess lets only operators through). */
@Path("v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Users")
@SecurityRequirement(name = RestApplication.BASIC)
public class UsersResource {

    @EJB
    Users users;

    @Inject
    Caller caller;

    @GET
    @Operation(operationId = "listUsers", summary = "List users", description = "Operators only.")
    @APIResponse(responseCode = "200", description = "Every user",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ApiSchemas.User.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public List<Users.UserView> list() {
        return users.list();
    }

    @POST
    @Operation(operationId = "createUser", summary = "Create a user",
            description = "Operators only. An account admin or viewer belongs to one account.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = ApiSchemas.User.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "422", ref = "Invalid")
    public Response create(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                   schema = @Schema(ref = "UserInput"))) Users.UserInput input) {
        return Response.status(201).entity(users.create(input)).build();
    }

    @PUT
    @Path("{id}")
    @Operation(operationId = "updateUser", summary = "Change a user",
            description = "Operators only. Another role or account takes effect at the user's next request; a new"
                    + " password at their next sign-in (open sessions go on: disable the user to end them). Nobody"
                    + " changes their own role or account.")
    @APIResponse(responseCode = "200", description = "The user",
            content = @Content(schema = @Schema(implementation = ApiSchemas.User.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "Invalid")
    public Users.UserView update(@PathParam("id") @Parameter(description = "The user's id", required = true,
                                         example = "2") long id,
                                 @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                         schema = @Schema(ref = "UserChange"))) Users.UserChange change) {
        return users.update(id, change, caller.getName());
    }

    @POST
    @Path("{id}/disable")
    @Operation(operationId = "disableUser", summary = "Disable a user",
            description = "Operators only. Their access ends at their next request; one cannot disable oneself.")
    @APIResponse(responseCode = "200", description = "The user",
            content = @Content(schema = @Schema(implementation = ApiSchemas.User.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Users.UserView disable(@PathParam("id") @Parameter(description = "The user's id", required = true,
            example = "2") long id) {
        return users.setEnabled(id, false, caller.getName());
    }

    @POST
    @Path("{id}/enable")
    @Operation(operationId = "enableUser", summary = "Enable a user", description = "Operators only.")
    @APIResponse(responseCode = "200", description = "The user",
            content = @Content(schema = @Schema(implementation = ApiSchemas.User.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Users.UserView enable(@PathParam("id") @Parameter(description = "The user's id", required = true,
            example = "2") long id) {
        return users.setEnabled(id, true, caller.getName());
    }
}
