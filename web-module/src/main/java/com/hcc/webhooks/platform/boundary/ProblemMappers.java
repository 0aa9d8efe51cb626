package com.hcc.webhooks.platform.boundary;

import com.hcc.webhooks.platform.control.ProblemException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Every exception that reaches JAX-RS leaves as problem+json; none shows a stack trace to the caller. */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() {
    }

    @Provider
    public static class Refused implements ExceptionMapper<ProblemException> {
        @Override
        public Response toResponse(ProblemException e) {
            return Problems.of(e);
        }
    }

    @Provider
    public static class Web implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Throwable cause = e.getCause();
            if (cause instanceof JsonbException || cause instanceof ProcessingException) {
                return badJson();
            }
            Response r = e.getResponse();
            String title = r.getStatusInfo().getReasonPhrase();
            return Problems.of(r.getStatus(), title == null ? "Error" : title, e.getMessage(), List.of());
        }
    }

    /** A body JSON-B cannot read: Jersey reports it as a bare ProcessingException or a JsonbException. */
    @Provider
    public static class BadJson implements ExceptionMapper<ProcessingException> {
        @Override
        public Response toResponse(ProcessingException e) {
            return badJson();
        }
    }

    static Response badJson() {
        return Problems.of(400, "Bad request", "the request body is not valid JSON for this resource", List.of());
    }

    @Provider
    public static class Unexpected implements ExceptionMapper<Exception> {
        @Override
        public Response toResponse(Exception e) {
            Throwable t = ProblemException.unwrap(e);
            if (t instanceof ProblemException p) {
                return Problems.of(p);
            }
            if (t instanceof WebApplicationException w) {
                return new Web().toResponse(w);
            }
            if (t instanceof JsonbException || t instanceof ProcessingException) {
                return badJson();
            }
            String ref = UUID.randomUUID().toString().substring(0, 8);
            LOG.log(Level.SEVERE, "Unexpected error, reference " + ref, t);
            return Problems.of(500, "Internal error", "something went wrong on our side; reference " + ref, List.of());
        }
    }
}
