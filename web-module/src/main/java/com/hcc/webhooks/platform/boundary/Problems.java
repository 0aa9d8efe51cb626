package com.hcc.webhooks.platform.boundary;

import com.hcc.webhooks.platform.control.ProblemException;
import com.hcc.webhooks.platform.control.Jsons;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** RFC 9457 problem details: the one shape every API error has. */
public final class Problems {

    public static final String PROBLEM = "application/problem+json";
    public static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");

    private Problems() {
    }

    public static Response of(int status, String title, String detail, List<ProblemException.FieldError> errors) {
        JsonObjectBuilder b = Jsons.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", title)
                .add("status", status);
        if (detail != null) {
            b.add("detail", detail);
        }
        if (!errors.isEmpty()) {
            JsonArrayBuilder a = Jsons.createArrayBuilder();
            errors.forEach(e -> a.add(Jsons.createObjectBuilder().add("field", e.field()).add("message", e.message())));
            b.add("errors", a);
        }
        return Response.status(status).type(PROBLEM_JSON).entity(b.build().toString()).build();
    }

    public static Response of(ProblemException e) {
        return of(e.kind().status(), e.kind().title(), e.getMessage(), e.errors());
    }
}
