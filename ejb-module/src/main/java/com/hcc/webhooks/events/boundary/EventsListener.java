package com.hcc.webhooks.events.boundary;

import com.hcc.webhooks.events.entity.EventSource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;

/**
 * Events from dialers on {@code HCC.WEBHOOKS.EVENTS}: OpenWire producers send TextMessages; STOMP producers
 * that set content-length arrive as BytesMessages; both are UTF-8 JSON. Converts and delegates. Bad input
 * never throws here (it is stored as rejected); only an infrastructure failure (database down) rolls the
 * message back, and the broker redelivers it with backoff, without limit, until it is stored.
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
        @ActivationConfigProperty(propertyName = "maxSessions", propertyValue = "8"),
        @ActivationConfigProperty(propertyName = "maximumRedeliveries", propertyValue = "-1"),
        @ActivationConfigProperty(propertyName = "initialRedeliveryDelay", propertyValue = "1000"),
        @ActivationConfigProperty(propertyName = "useExponentialBackOff", propertyValue = "true"),
        @ActivationConfigProperty(propertyName = "backOffMultiplier", propertyValue = "2"),
        @ActivationConfigProperty(propertyName = "maximumRedeliveryDelay", propertyValue = "60000")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EventsListener implements MessageListener {

    static final int MAX_READ_BYTES = 4 * 1024 * 1024;

    @EJB
    Intake intake;

    @Override
    public void onMessage(Message message) {
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
        if (body == null) {
            intake.rejectUnreadable(EventSource.JMS, event, eventId, property(message, "accountId"),
                    "the message carries no text: send the event's JSON as a TextMessage, or as UTF-8 bytes");
            return;
        }
        intake.receive(EventSource.JMS, event, body, eventId, property(message, "accountId"));
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
