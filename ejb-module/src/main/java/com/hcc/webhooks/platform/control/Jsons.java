package com.hcc.webhooks.platform.control;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.io.InputStream;
import java.io.StringReader;

/**
 * The one way this code makes JSON objects: {@code jakarta.json.Json}'s factory methods look the provider up
 * again on every call, and inside Payara that lookup scans the class path and falls through to an OSGi search
 * that throws and catches exceptions. Profiling the delivery benchmark showed it as the largest single cost per
 * delivery (docs/performance.md); the provider is found once here instead.
 */
public final class Jsons {

    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsons() {
    }

    public static JsonObjectBuilder createObjectBuilder() {
        return PROVIDER.createObjectBuilder();
    }

    public static JsonObjectBuilder createObjectBuilder(jakarta.json.JsonObject object) {
        return PROVIDER.createObjectBuilder(object);
    }

    public static JsonArrayBuilder createArrayBuilder() {
        return PROVIDER.createArrayBuilder();
    }

    public static JsonReader createReader(String text) {
        return PROVIDER.createReader(new StringReader(text));
    }

    public static JsonReader createReader(InputStream in) {
        return PROVIDER.createReader(in);
    }

    public static JsonString createValue(String text) {
        return PROVIDER.createValue(text);
    }

    public static jakarta.json.JsonNumber createValue(int number) {
        return PROVIDER.createValue(number);
    }

    /** Headers as one JSON object, name to value, as the Webhooks Logs keep a request's headers. */
    public static String object(java.util.Map<String, String> headers) {
        JsonObjectBuilder b = createObjectBuilder();
        headers.forEach(b::add);
        return b.build().toString();
    }

    /**
     * A response's headers as one JSON object, several values of a name joined by ", "; HTTP/2 pseudo-headers
     * (":status") left out.
     */
    public static String headers(java.util.Map<String, java.util.List<String>> headers) {
        JsonObjectBuilder b = createObjectBuilder();
        headers.forEach((k, v) -> {
            if (!k.startsWith(":")) {
                b.add(k, String.join(", ", v));
            }
        });
        return b.build().toString();
    }
}
