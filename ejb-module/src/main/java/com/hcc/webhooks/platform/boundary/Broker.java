package com.hcc.webhooks.platform.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
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
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

    /** How long readiness waits for the broker's answer before it says DOWN. */
    static final long PROBE_WAIT_MILLIS = 2000;

    @Resource
    ManagedExecutorService executor;

    /**
     * The probe in flight or last done (its answer: null when reachable, else why not); one at a time, however many
     * readiness requests come.
     */
    private Future<String> probe;

    /**
     * For readiness: a session can be opened and the events queue browsed, within {@link #PROBE_WAIT_MILLIS}.
     * While the broker is away a session waits for it (a {@code failover:} URL reconnects for ever, the embedded
     * broker's URL waits a minute for its start): every readiness request then hung, each holding an HTTP thread
     * for the length of the outage. The probe runs on a thread of its own instead, one at a time, and a request
     * waits for it at most two seconds: DOWN until the broker answers again.
     * <p>
     * Empty when reachable; else why not, for readiness' data: "no answer within 2000 ms", or what refused the
     * session (the exception's class and its cause's, e.g. {@code JMSSecurityException} for credentials the broker
     * does not take; not its message, which may carry the broker's URL).
     */
    public Optional<String> whyUnreachable() {
        Future<String> p;
        synchronized (this) {
            if (probe == null || probe.isDone()) {
                probe = executor.submit(this::probe);
            }
            p = probe;
        }
        try {
            return Optional.ofNullable(p.get(PROBE_WAIT_MILLIS, TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.of("no answer within " + PROBE_WAIT_MILLIS + " ms");
        } catch (ExecutionException e) {
            return Optional.of(refused(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    /** null when a session was opened and the events queue browsed; else why not. */
    private String probe() {
        try (Connection c = connectionFactory.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            s.createBrowser(events).close();
            s.close();
            return null;
        } catch (JMSException | RuntimeException e) {
            return refused(e);
        }
    }

    /** "refused: JMSException (ConnectException)": the exception's class and its root cause's, if another. */
    static String refused(Throwable e) {
        Throwable root = e;
        for (int depth = 0; root.getCause() != null && depth < 20; depth++) { // bounded: a cycle of causes ends
            root = root.getCause();
        }
        return "refused: " + e.getClass().getSimpleName()
                + (root == e ? "" : " (" + root.getClass().getSimpleName() + ")");
    }
}
