package com.hcc.webhooks.platform.boundary;

import jakarta.ejb.EJB;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Encryption key rotation for operators (no account in the path: ApiAccess admits operators only). See
 * docs/security.md, "Rotating the encryption key".
 */
@Path("v1/secrets")
@Produces(MediaType.APPLICATION_JSON)
public class SecretsResource {

    @EJB
    KeyRotation rotation;

    /** Re-encrypts every stored secret still under an older key with the current one; answers the counts. */
    @POST
    @Path("re-encrypt")
    public KeyRotation.Result reencrypt() {
        return rotation.reencryptAll();
    }
}
