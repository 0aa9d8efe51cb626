package com.hcc.webhooks.accounts.boundary;

import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.util.List;

@Path("v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountsResource {

    @EJB
    Accounts accounts;

    @jakarta.inject.Inject
    com.hcc.webhooks.platform.boundary.Caller caller;

    /** An operator sees every account; anyone else only their own. */
    @GET
    public List<Accounts.AccountView> list() {
        return accounts.list().stream().filter(a -> caller.canRead(a.accountId())).toList();
    }

    @POST
    public Response create(Accounts.AccountInput input, @Context UriInfo uri) {
        Accounts.AccountView created = accounts.create(input);
        return Response.created(uri.getAbsolutePathBuilder().path(created.accountId()).build()).entity(created).build();
    }

    @GET
    @Path("{accountId}")
    public Accounts.AccountView get(@PathParam("accountId") String accountId) {
        return accounts.view(accountId);
    }
}
