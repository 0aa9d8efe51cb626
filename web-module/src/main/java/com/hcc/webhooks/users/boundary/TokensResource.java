package com.hcc.webhooks.users.boundary;

import com.hcc.webhooks.platform.boundary.ApiSchemas;
import com.hcc.webhooks.platform.boundary.Caller;
import com.hcc.webhooks.platform.boundary.RestApplication;
import com.hcc.webhooks.platform.control.ProblemException;
import com.hcc.webhooks.users.entity.TokenScope;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

/**
 * An account's API tokens over HTTP (the portal's Webhooks -> API Tokens). Creating one needs a signed-in user
 * with write access: a token cannot mint tokens. The token is in the create answer only.
 */
@Path("v1/accounts/{accountId}/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tokens")
@SecurityRequirement(name = RestApplication.BASIC)
@SecurityRequirement(name = RestApplication.BEARER)
public class TokensResource {

    public record TokenInput(String name, TokenScope scope) {
    }

    @EJB
    Tokens tokens;

    @Inject
    Caller caller;

    @PathParam("accountId")
    String accountId;

    @GET
    @Operation(operationId = "listTokens", summary = "List the account's API tokens",
            description = "Revoked ones too; never the tokens themselves.")
    @APIResponse(responseCode = "200", description = "The tokens",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ApiSchemas.Token.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public List<Tokens.TokenView> list() {
        return tokens.list(accountId);
    }

    @POST
    @Operation(operationId = "createToken", summary = "Create an API token",
            description = "A signed-in user with write access (HTTP Basic): a token cannot create tokens. The token"
                    + " is in this answer only.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = ApiSchemas.CreatedToken.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "422", ref = "Invalid")
    @SecurityRequirement(name = RestApplication.BASIC)
    public Response create(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                   schema = @Schema(ref = "TokenInput"))) TokenInput input) {
        if (caller.identity().token()) {
            return com.hcc.webhooks.platform.boundary.Problems.of(403, "Forbidden",
                    "an API token cannot create tokens: sign in as a user", List.of());
        }
        if (input == null) {
            throw ProblemException.invalid(List.of(new ProblemException.FieldError("name", "is required")));
        }
        return Response.status(201).entity(tokens.create(accountId, input.name(), input.scope(), caller.getName())).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "revokeToken", summary = "Revoke an API token",
            description = "At once: the next request with it answers 401.")
    @APIResponse(responseCode = "200", description = "The revoked token",
            content = @Content(schema = @Schema(implementation = ApiSchemas.Token.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Tokens.TokenView revoke(@PathParam("id") @Parameter(description = "The token's id", required = true,
            example = "3") long id) {
        return tokens.revoke(accountId, id);
    }
}
