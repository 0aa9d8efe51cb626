package com.hcc.webhooks.users.boundary;

import com.hcc.webhooks.platform.boundary.Caller;
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

/**
 * An account's API tokens over HTTP (the portal's Webhooks -> API Tokens). Creating one needs a signed-in user
 * with write access: a token cannot mint tokens. The token is in the create answer only.
 */
@Path("v1/accounts/{accountId}/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
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
    public List<Tokens.TokenView> list() {
        return tokens.list(accountId);
    }

    @POST
    public Response create(TokenInput input) {
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
    public Tokens.TokenView revoke(@PathParam("id") long id) {
        return tokens.revoke(accountId, id);
    }
}
