package com.hcc.webhooks.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.hcc.webhooks.events.entity.EventSource;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import jakarta.enterprise.inject.Instance;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/**
 * Traces are off unless switched on, and off they cost nothing: Payara's OpenTelemetry is never asked for, every
 * span is the invalid one, and no trace context is stored (the engine starts no attempt span while off: Attempts). (TelemetryIT shows them on, against a collector.)
 */
class TelemetryTest {

    @Test
    void theShippedConfigurationKeepsTracesOffAndNamesTheService() throws Exception {
        Properties shipped = new Properties();
        try (InputStream in = Telemetry.class.getClassLoader().getResourceAsStream("META-INF/microprofile-config.properties")) {
            shipped.load(in);
        }
        assertEquals("true", shipped.getProperty(Telemetry.DISABLED));
        assertEquals("hcc-webhooks", shipped.getProperty("otel.service.name"));
    }

    @Test
    void offByDefaultWithoutEverAskingForOpenTelemetry() {
        for (Map<String, String> settings : java.util.List.of(Map.<String, String>of(),
                Map.of(Telemetry.DISABLED, "true"))) {
            Telemetry t = new Telemetry();
            t.config = config(settings);
            t.provided = instanceThatMustNotBeUsed();
            t.init();
            assertFalse(t.on(), settings.toString());
        }
    }

    @Test
    void offEverySpanIsTheInvalidOneAndNothingIsStored() {
        Telemetry off = new Telemetry();
        Span intake = off.intakeStarted(EventSource.JMS, "call.created");
        assertSame(Span.getInvalid(), intake);
        off.intakeParsed(intake, "12345678", 11142L);
        off.intakeDone(intake, 1, "accepted", 2);
        off.endWithTransaction(intake); // no transaction registry: must not be touched
        assertNull(Telemetry.traceParent(intake), "no trace_parent stored with the deliveries");
        assertNull(off.producer("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));

        off.failed(intake, new IllegalStateException("x"));
        intake.end();
    }

    static Config config(Map<String, String> values) {
        return (Config) Proxy.newProxyInstance(Config.class.getClassLoader(), new Class<?>[] {Config.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getOptionalValue")) {
                        String v = values.get((String) args[0]);
                        return v == null ? Optional.empty() : Optional.of(Boolean.valueOf(v));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @SuppressWarnings("unchecked")
    static Instance<OpenTelemetry> instanceThatMustNotBeUsed() {
        return (Instance<OpenTelemetry>) Proxy.newProxyInstance(Instance.class.getClassLoader(),
                new Class<?>[] {Instance.class}, (proxy, method, args) -> {
                    throw new AssertionError("Payara's OpenTelemetry asked for while traces are off: " + method.getName());
                });
    }
}
