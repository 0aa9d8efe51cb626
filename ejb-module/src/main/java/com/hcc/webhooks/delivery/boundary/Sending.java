package com.hcc.webhooks.delivery.boundary;

import com.hcc.webhooks.delivery.control.AttemptResult;
import com.hcc.webhooks.delivery.control.OAuthTokens;
import com.hcc.webhooks.delivery.control.OutboundRequest;
import com.hcc.webhooks.delivery.entity.ErrorClass;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * Puts a request on the wire, outside any transaction: the one way deliveries and "Send test" send. For an
 * OAuth 2.0 credential it adds the cached token first, and when the receiver answers 401 it fetches a new
 * token and sends once more, within the same attempt.
 */
@ApplicationScoped
public class Sending {

    @Inject
    EngineSettings settings;

    public AttemptResult send(OutboundRequest request) {
        if (request.oauth() == null) {
            return settings.sender().send(request);
        }
        OAuthTokens tokens = settings.oauthTokens();
        try {
            AttemptResult result = settings.sender().send(request.withBearer(tokens.token(request.oauth())));
            if (result.status() != null && result.status() == 401) {
                tokens.invalidate(request.oauth());
                result = settings.sender().send(request.withBearer(tokens.token(request.oauth())));
            }
            return result;
        } catch (OAuthTokens.TokenException e) {
            return AttemptResult.error(Instant.now(), 0, e.blocked() ? ErrorClass.BLOCKED : ErrorClass.IO, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return AttemptResult.error(Instant.now(), 0, ErrorClass.IO, "interrupted (server stopping)");
        }
    }
}
