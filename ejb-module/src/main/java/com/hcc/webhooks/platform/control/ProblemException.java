package com.hcc.webhooks.platform.control;

import jakarta.ejb.ApplicationException;
import java.util.List;

/**
 * A request the application refuses, with what is wrong in words for the person who made it. Boundaries
 * turn it into an RFC 9457 problem (API) or a message beside the field (portal).
 */
@ApplicationException(rollback = true)
public class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        INVALID(422, "Invalid request"),
        NOT_FOUND(404, "Not found"),
        CONFLICT(409, "Conflict");

        private final int status;
        private final String title;

        Kind(int status, String title) {
            this.status = status;
            this.title = title;
        }

        public int status() {
            return status;
        }

        public String title() {
            return title;
        }
    }

    /** One wrong field: its name as the API spells it, and what to do. */
    public record FieldError(String field, String message) {
    }

    private final Kind kind;
    private final transient List<FieldError> errors;

    public ProblemException(Kind kind, String detail, List<FieldError> errors) {
        super(detail);
        this.kind = kind;
        this.errors = List.copyOf(errors);
    }

    /**
     * What an EJB call really threw: a system exception reaches its caller wrapped in EJBException (once or more);
     * a ProblemException, an application exception, is never wrapped.
     */
    public static Throwable unwrap(Throwable t) {
        while (t instanceof jakarta.ejb.EJBException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(Kind.NOT_FOUND, what + " was not found", List.of());
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Kind.CONFLICT, detail, List.of());
    }

    public static ProblemException invalid(List<FieldError> errors) {
        String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new ProblemException(Kind.INVALID, detail, errors);
    }

    public Kind kind() {
        return kind;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
