package com.hcc.webhooks.users.boundary;

import com.hcc.webhooks.platform.boundary.Caller;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Platform users over HTTP: operators only (no account in the path: ApiAccess lets only operators through). */
@Path("v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsersResource {

    @EJB
    Users users;

    @Inject
    Caller caller;

    @GET
    public List<Users.UserView> list() {
        return users.list();
    }

    /** {@code {"username", "password", "role": OPERATOR | ACCOUNT_ADMIN | ACCOUNT_VIEWER, "accountId"}} */
    @POST
    public Response create(Users.UserInput input) {
        return Response.status(201).entity(users.create(input)).build();
    }

    @POST
    @Path("{id}/disable")
    public Users.UserView disable(@PathParam("id") long id) {
        return users.setEnabled(id, false, caller.getName());
    }

    @POST
    @Path("{id}/enable")
    public Users.UserView enable(@PathParam("id") long id) {
        return users.setEnabled(id, true, caller.getName());
    }
}
