package com.hcc.webhooks.platform.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API: {@code /api/v1/...}, JSON in and out, errors as RFC 9457 problem+json. */
@ApplicationPath("api")
public class RestApplication extends Application {
}
