package com.hcc.webhooks.events.boundary;

import com.hcc.webhooks.events.entity.EventSource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

/**
 * Events from dialers on {@code HCC.WEBHOOKS.EVENTS}: OpenWire producers send TextMessages; STOMP producers
 * that set content-length arrive as BytesMessages; both are UTF-8 JSON. Converts and delegates. Bad input
 * never throws here (it is stored as rejected); only an infrastructure failure (database down) rolls the
 * message back, and the broker redelivers it with backoff, without limit, until it is stored.
 */
@MessageDriven(activationConfig = {
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
public class EventsListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(EventsListener.class.getName());
    static final int MAX_READ_BYTES = 4 * 1024 * 1024;

    @EJB
    Intake intake;

    @Override
    public void onMessage(Message message) {
        String event = property(message, "event");
        String body;
        try {
            body = body(message);
        } catch (JMSException | RuntimeException e) {
            body = null;
        }
        if (body == null) {
            intake.receive(EventSource.JMS, event, "", property(message, "eventId"), property(message, "accountId"));
            LOG.warning(() -> "A " + message.getClass().getSimpleName() + " without a readable text body was rejected");
            return;
        }
        intake.receive(EventSource.JMS, event, body, property(message, "eventId"), property(message, "accountId"));
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
