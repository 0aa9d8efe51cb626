package com.hcc.webhooks.platform.boundary;

import jakarta.ejb.EJB;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Encryption key rotation for operators (no account in the path: ApiAccess admits operators only). See
 * docs/security.md, "Rotating the encryption key".
 */
@Path("v1/secrets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Secrets")
@SecurityRequirement(name = RestApplication.BASIC)
public class SecretsResource {

    @EJB
    KeyRotation rotation;

    /** Re-encrypts every stored secret still under an older key with the current one; answers the counts. */
    @POST
    @Path("re-encrypt")
    @Operation(operationId = "reencryptSecrets", summary = "Re-encrypt stored secrets with the current key",
            description = "Operators only. Every secret still under an older key, in short batches while deliveries go"
                    + " on; can be repeated (docs/security.md, \"Rotating the encryption key\").")
    @APIResponse(responseCode = "200", description = "The counts",
            content = @Content(schema = @Schema(implementation = ApiSchemas.ReencryptResult.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public KeyRotation.Result reencrypt() {
        return rotation.reencryptAll();
    }
}
