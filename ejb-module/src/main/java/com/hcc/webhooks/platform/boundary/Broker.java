package com.hcc.webhooks.platform.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConnectionFactoryDefinition;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Session;

/**
 * The broker, reached through the ActiveMQ resource adapter deployed beside the application as
 * {@code activemq-rar} (embedded broker by default, or an external one: docs/configuration.md).
 * With this adapter only JMS 1.1-style sessions work (no injected JMSContext; see docs/architecture.md).
 * An EJB rather than a CDI bean because Payara reads resource definitions of an EJB module only from its
 * components.
 */
@JMSConnectionFactoryDefinition(
        name = Broker.CONNECTION_FACTORY,
        interfaceName = "jakarta.jms.ConnectionFactory",
        resourceAdapter = Broker.RESOURCE_ADAPTER,
        minPoolSize = 1,
        maxPoolSize = 32)
@JMSDestinationDefinition(
        name = Broker.EVENTS_QUEUE,
        interfaceName = "jakarta.jms.Queue",
        resourceAdapter = Broker.RESOURCE_ADAPTER,
        destinationName = Broker.EVENTS_QUEUE_NAME,
        properties = {"PhysicalName=" + Broker.EVENTS_QUEUE_NAME})
@Singleton
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Broker {

    public static final String RESOURCE_ADAPTER = "activemq-rar";
    public static final String CONNECTION_FACTORY = "java:app/jms/hcc";
    public static final String EVENTS_QUEUE = "java:app/jms/events";
    public static final String EVENTS_QUEUE_NAME = "HCC.WEBHOOKS.EVENTS";

    @Resource(lookup = CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Resource(lookup = EVENTS_QUEUE)
    Queue events;

    /** For readiness: a session can be opened and the events queue browsed. */
    public boolean reachable() {
        try (Connection c = connectionFactory.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            s.createBrowser(events).close();
            s.close();
            return true;
        } catch (JMSException | RuntimeException e) {
            return false;
        }
    }
}
