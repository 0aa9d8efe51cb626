package com.hcc.webhooks.events.boundary;

import com.hcc.webhooks.events.entity.EventSource;
import com.hcc.webhooks.platform.boundary.Telemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Events from dialers on {@code HCC.WEBHOOKS.EVENTS}: OpenWire producers send TextMessages; STOMP producers
 * that set content-length arrive as BytesMessages; both are UTF-8 JSON. Converts and delegates. Bad input
 * never throws here (it is stored as rejected). An infrastructure failure (database down, deadlock) is retried
 * in place until the event is stored ({@link #untilStored}); the redelivery settings below serve a session
 * that the adapter rolls back itself (a lost broker connection).
 * <p>
 * No XA: the event is stored and committed in the intake's own transaction, then the adapter acknowledges the
 * message in its local JMS transaction. A two-phase commit across the broker and MariaDB left prepared
 * transactions that nothing recovered after a kill -9 (Payara Micro keeps no transaction log across restarts),
 * and lost those events. Now a crash between the two commits means a redelivery, which the intake recognises:
 * a message without an eventId is keyed by its JMSMessageID, the same on every redelivery.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "useRAManagedTransaction", propertyValue = "true"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = "HCC.WEBHOOKS.EVENTS"),
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "activemq-rar"),
        @ActivationConfigProperty(propertyName = "maxSessions", propertyValue = "16"),
        @ActivationConfigProperty(propertyName = "maximumRedeliveries", propertyValue = "-1"),
        @ActivationConfigProperty(propertyName = "initialRedeliveryDelay", propertyValue = "1000"),
        @ActivationConfigProperty(propertyName = "useExponentialBackOff", propertyValue = "true"),
        @ActivationConfigProperty(propertyName = "backOffMultiplier", propertyValue = "2"),
        @ActivationConfigProperty(propertyName = "maximumRedeliveryDelay", propertyValue = "60000")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EventsListener implements MessageListener {

    static final int MAX_READ_BYTES = 4 * 1024 * 1024;
    static final long FIRST_PAUSE_MS = 50;
    static final long MAX_PAUSE_MS = 30_000;
    private static final Logger LOG = Logger.getLogger(EventsListener.class.getName());

    @EJB
    Intake intake;

    @Inject
    Telemetry telemetry;

    @Inject
    IntakeBatches batches;

    /**
     * With traces on, a message that carries the producer's W3C {@code traceparent} as a string property (a STOMP
     * header of that name becomes one) is taken in that trace: the intake span is the producer's span's child.
     */
    @Override
    public void onMessage(Message message) {
        Context producer = telemetry.on() ? telemetry.producer(property(message, "traceparent")) : null;
        if (producer == null) {
            take(message);
            return;
        }
        try (Scope ignored = producer.makeCurrent()) {
            take(message);
        }
    }

    private void take(Message message) {
        String event = property(message, "event");
        String eventId = property(message, "eventId");
        if (eventId == null || eventId.isBlank()) {
            eventId = messageKey(message);
        }
        String body;
        try {
            body = body(message);
        } catch (JMSException | RuntimeException e) {
            body = null;
        }
        String accountId = property(message, "accountId");
        String id = eventId;
        if (body == null) {
            untilStored(id, () -> intake.rejectUnreadable(EventSource.JMS, event, id, accountId,
                    "the message carries no text: send the event's JSON as a TextMessage, or as UTF-8 bytes"));
            return;
        }
        String text = body;
        java.time.Instant publishedAt = publishedAt(message);
        if (telemetry.on()) {
            // one by one, each in its own intake span, a child of its producer's
            untilStored(id, () -> intake.receive(EventSource.JMS, event, text, id, accountId, publishedAt));
        } else {
            // with the events the other sessions hold (group commit); once that failed, alone, so an event that
            // cannot be stored does not fail other events' transactions on each try
            Intake.Incoming incoming = new Intake.Incoming(EventSource.JMS, event, text, id, accountId, publishedAt);
            java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
            untilStored(id, () -> {
                if (first.getAndSet(false)) {
                    batches.receive(incoming);
                } else {
                    intake.receive(EventSource.JMS, event, text, id, accountId, publishedAt);
                }
            });
        }
    }

    /** When the producer published the message (JMSTimestamp; a STOMP producer's broker sets it), or null. */
    static java.time.Instant publishedAt(Message m) {
        try {
            long t = m.getJMSTimestamp();
            return t > 0 ? java.time.Instant.ofEpochMilli(t) : null;
        } catch (JMSException e) {
            return null;
        }
    }

    /**
     * Runs the intake until it commits. ActiveMQ's adapter acknowledges every message after {@code onMessage}
     * returns or throws (it commits its local transaction either way), so a failure must not leave this method:
     * a deadlock victim, a lost connection or a database restart is tried again here, with a growing pause, and
     * the broker keeps the message unacknowledged meanwhile (it is redelivered if this instance dies). The
     * delivery benchmark lost 3 events in 125,000 to deadlocks before this.
     */
    void untilStored(String eventId, Runnable intakeCall) {
        long pause = FIRST_PAUSE_MS;
        for (int attempt = 1; ; attempt++) {
            try {
                intakeCall.run();
                return;
            } catch (RuntimeException e) {
                LOG.log(attempt == 1 ? Level.INFO : Level.WARNING, "Event " + eventId + " not stored (attempt " + attempt
                        + "); trying again in " + pause + " ms: " + rootMessage(e));
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt();
                    // the server is stopping and its sessions are closing: an acknowledgement that is not committed
                    // before the session closes leaves the message with the broker (documented in docs/delivery.md)
                    throw e;
                }
                pause = Math.min(pause * 2, MAX_PAUSE_MS);
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** The broker's id of the message: unique, and the same on each redelivery. */
    static String messageKey(Message m) {
        try {
            String id = m.getJMSMessageID();
            return id == null ? null : "jms:" + id;
        } catch (JMSException e) {
            return null;
        }
    }

    private static String property(Message m, String name) {
        try {
            Object v = m.getObjectProperty(name);
            return v == null ? null : v.toString();
        } catch (JMSException e) {
            return null;
        }
    }

    static String body(Message m) throws JMSException {
        if (m instanceof TextMessage t) {
            return t.getText();
        }
        if (m instanceof BytesMessage b) {
            long length = b.getBodyLength();
            byte[] bytes = new byte[(int) Math.min(length, MAX_READ_BYTES)];
            b.readBytes(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return null;
    }
}
