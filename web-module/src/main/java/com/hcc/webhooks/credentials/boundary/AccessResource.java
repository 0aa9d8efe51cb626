package com.hcc.webhooks.credentials.boundary;

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

/** Webhooks -> Access Setup over HTTP. Secrets are write-only: reads return them masked. */
@Path("v1/accounts/{accountId}/access")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccessResource {

    @EJB
    Credentials credentials;

    @PathParam("accountId")
    String accountId;

    @GET
    public List<Credentials.AccessView> list() {
        return credentials.list(accountId);
    }

    @POST
    public Response create(Credentials.AccessInput input, @Context UriInfo uri) {
        Credentials.AccessView created = credentials.create(accountId, input);
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(created.id())).build())
                .entity(created).build();
    }

    @GET
    @Path("{id}")
    public Credentials.AccessView get(@PathParam("id") long id) {
        return credentials.view(accountId, id);
    }

    @PUT
    @Path("{id}")
    public Credentials.AccessView update(@PathParam("id") long id, Credentials.AccessInput input) {
        return credentials.update(accountId, id, input);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        credentials.delete(accountId, id);
        return Response.noContent().build();
    }
}
