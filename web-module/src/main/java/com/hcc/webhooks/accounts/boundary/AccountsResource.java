package com.hcc.webhooks.accounts.boundary;

import com.hcc.webhooks.platform.boundary.ApiSchemas;
import com.hcc.webhooks.platform.boundary.RestApplication;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
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

@Path("v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts")
@SecurityRequirement(name = RestApplication.BASIC)
@SecurityRequirement(name = RestApplication.BEARER)
public class AccountsResource {

    @EJB
    Accounts accounts;

    @jakarta.inject.Inject
    com.hcc.webhooks.platform.boundary.Caller caller;

    /** An operator sees every account; anyone else only their own. */
    @GET
    @Operation(operationId = "listAccounts", summary = "List accounts",
            description = "An operator sees every account; a user or token only their own.")
    @APIResponse(responseCode = "200", description = "The accounts",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ApiSchemas.Account.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    public List<Accounts.AccountView> list() {
        return accounts.list().stream().filter(a -> caller.canRead(a.accountId())).toList();
    }

    @POST
    @Operation(operationId = "createAccount", summary = "Create an account", description = "Operators only.")
    @APIResponse(responseCode = "201", description = "Created; Location is its URL",
            content = @Content(schema = @Schema(implementation = ApiSchemas.Account.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "Invalid")
    @SecurityRequirement(name = RestApplication.BASIC)
    public Response create(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                   schema = @Schema(ref = "AccountInput"))) Accounts.AccountInput input,
                           @Context UriInfo uri) {
        Accounts.AccountView created = accounts.create(input);
        return Response.created(uri.getAbsolutePathBuilder().path(created.accountId()).build()).entity(created).build();
    }

    @PUT
    @Path("{accountId}")
    @Operation(operationId = "renameAccount", summary = "Rename an account",
            description = "Operators only. The account's id stays: it is what producers and payloads name.")
    @APIResponse(responseCode = "200", description = "The account",
            content = @Content(schema = @Schema(implementation = ApiSchemas.Account.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "422", ref = "Invalid")
    @SecurityRequirement(name = RestApplication.BASIC)
    public Accounts.AccountView rename(@PathParam("accountId") @Parameter(description = "The account's id",
                                               example = "12345678") String accountId,
                                       @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                               schema = @Schema(ref = "AccountRename"))) Accounts.AccountInput input) {
        return accounts.rename(accountId, input);
    }

    @GET
    @Path("{accountId}")
    @Operation(operationId = "getAccount", summary = "Read an account",
            description = "A user or token reads only their own account; an operator any.")
    @APIResponse(responseCode = "200", description = "The account",
            content = @Content(schema = @Schema(implementation = ApiSchemas.Account.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Accounts.AccountView get(@PathParam("accountId") @Parameter(description = "The account's id", example = "12345678")
                                    String accountId) {
        return accounts.view(accountId);
    }
}
