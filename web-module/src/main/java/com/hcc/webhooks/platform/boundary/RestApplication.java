package com.hcc.webhooks.platform.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.servers.Server;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The REST API: {@code /api/v1/...}, JSON in and out, errors as RFC 9457 problem+json. The OpenAPI document
 * ({@code /openapi}, committed as docs/openapi.yaml) starts here: the shared problem answers are components that
 * every operation refers to by name ({@code ref = "NotFound"}).
 */
@ApplicationPath("api")
@OpenAPIDefinition(
        info = @Info(title = "HCC Webhooks API", version = "1.0", description = """
                Outbound webhooks for the Hosted Contact Center: accounts, the credentials of the customer's API \
                (access), webhooks, event intake, the delivery logs, users and API tokens.

                Authentication: HTTP Basic with a user, or `Authorization: Bearer hcc_...` with an account's API \
                token. Every path with `{accountId}` is scoped to the caller's account: another account answers \
                404, as one that does not exist. Changes need an account admin, a write token or an operator \
                (403 otherwise). Errors are RFC 9457 `application/problem+json`."""),
        servers = @Server(url = "/", description = "The instance that serves this document"),
        tags = {
            @Tag(name = "Accounts", description = "Customer accounts (creating one: operators)"),
            @Tag(name = "Access", description = "Credentials for the customer's API (Webhooks -> Access Setup)"),
            @Tag(name = "Webhooks", description = "Which event goes where (Webhooks -> Webhook Settings)"),
            @Tag(name = "Events", description = "Event intake over HTTP, for producers that cannot speak JMS"),
            @Tag(name = "Logs", description = "Deliveries and rejected events (Reports -> Webhooks Logs)"),
            @Tag(name = "Tokens", description = "An account's API tokens (Webhooks -> API Tokens)"),
            @Tag(name = "Users", description = "Users of the portal and the API (operators)"),
            @Tag(name = "Secrets", description = "Encryption key rotation (operators)")},
        components = @Components(responses = {
            @APIResponse(name = "BadRequest", responseCode = "400", description = "The body is not JSON this operation reads",
                    content = @Content(mediaType = Problems.PROBLEM, schema = @Schema(implementation = ApiSchemas.Problem.class),
                            example = "{\"type\":\"about:blank\",\"title\":\"Bad request\",\"status\":400,"
                                    + "\"detail\":\"the request body is not valid JSON for this resource\"}")),
            @APIResponse(name = "Unauthorized", responseCode = "401",
                    description = "No credentials, or not valid ones (a user is locked for a moment after repeated failures)",
                    content = @Content(mediaType = Problems.PROBLEM, schema = @Schema(implementation = ApiSchemas.Problem.class),
                            example = "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                                    + "\"detail\":\"this API needs a user (HTTP Basic) or an API token (Bearer)\"}")),
            @APIResponse(name = "Forbidden", responseCode = "403",
                    description = "A viewer or read token asked for a change, or a non-operator for an operator's operation",
                    content = @Content(mediaType = Problems.PROBLEM, schema = @Schema(implementation = ApiSchemas.Problem.class),
                            example = "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,\"detail\":"
                                    + "\"a viewer may only read: changes need an account admin or a write token\"}")),
            @APIResponse(name = "NotFound", responseCode = "404",
                    description = "No such account or object, or not the caller's: the same answer either way",
                    content = @Content(mediaType = Problems.PROBLEM, schema = @Schema(implementation = ApiSchemas.Problem.class),
                            example = "{\"type\":\"about:blank\",\"title\":\"Not found\",\"status\":404,"
                                    + "\"detail\":\"account 12345678 was not found\"}")),
            @APIResponse(name = "Conflict", responseCode = "409", description = "Not possible in the object's current state",
                    content = @Content(mediaType = Problems.PROBLEM, schema = @Schema(implementation = ApiSchemas.Problem.class),
                            example = "{\"type\":\"about:blank\",\"title\":\"Conflict\",\"status\":409,"
                                    + "\"detail\":\"account 12345678 already exists\"}")),
            @APIResponse(name = "Invalid", responseCode = "422", description = "Invalid input: each wrong field in errors",
                    content = @Content(mediaType = Problems.PROBLEM, schema = @Schema(implementation = ApiSchemas.Problem.class),
                            example = "{\"type\":\"about:blank\",\"title\":\"Invalid request\",\"status\":422,"
                                    + "\"detail\":\"name: is required\",\"errors\":[{\"field\":\"name\",\"message\":\"is required\"}]}"))}))
@SecurityScheme(securitySchemeName = RestApplication.BASIC, type = SecuritySchemeType.HTTP, scheme = "basic",
        description = "A user (operator, account admin or viewer): `Authorization: Basic base64(username:password)`")
@SecurityScheme(securitySchemeName = RestApplication.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "hcc_...", description = "An account's API token, scope READ or WRITE: `Authorization: Bearer hcc_...`")
public class RestApplication extends Application {

    /** The OpenAPI security schemes: a user with HTTP Basic, an account's API token as a bearer token. */
    public static final String BASIC = "basicAuth";
    public static final String BEARER = "bearerAuth";
}
