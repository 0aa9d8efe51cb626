package com.hcc.webhooks.delivery.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hcc.webhooks.accounts.boundary.Accounts;
import com.hcc.webhooks.credentials.boundary.Credentials;
import com.hcc.webhooks.credentials.entity.AuthType;
import com.hcc.webhooks.delivery.entity.Delivery;
import com.hcc.webhooks.delivery.entity.DeliveryAttempt;
import com.hcc.webhooks.delivery.entity.DeliveryStatus;
import com.hcc.webhooks.delivery.entity.ErrorClass;
import com.hcc.webhooks.events.boundary.Intake;
import com.hcc.webhooks.events.entity.EventSource;
import com.hcc.webhooks.events.entity.EventStatus;
import com.hcc.webhooks.events.entity.InboundEvent;
import com.hcc.webhooks.webhooks.boundary.Webhooks;
import com.hcc.webhooks.webhooks.entity.RequestMethod;
import com.hcc.webhooks.webhooks.entity.Webhook;
import com.sun.net.httpserver.HttpServer;
import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;
import jakarta.annotation.Resource;
import java.io.File;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The engine inside Payara Micro against MariaDB: migrations, intake (idempotency, rejection), and the
 * delivery path with retries, all through the real container services (JTA, JPA, EJB timers, CDI events).
 */
@ExtendWith(ArquillianExtension.class)
class EngineIT {

    @Deployment
    static WebArchive deployment() {
        String dir = System.getProperty("arq.dir");
        return ShrinkWrap.create(WebArchive.class, "engine-it.war")
                .addPackages(true, "com.hcc.webhooks")
                .addAsResource("META-INF/microprofile-config.properties")
                .addAsResource("db/migrations.txt")
                .addAsResource("db/migration/V001__initial_schema.sql")
                .addAsResource("seed-payloads/call-created.json")
                .addAsWebInfResource("META-INF/beans.xml", "beans.xml")
                .addAsLibraries(new File(dir, "domain-module.jar"), new File(dir, "mariadb-java-client.jar"));
    }

    @EJB
    Intake intake;

    @EJB
    Accounts accounts;

    @EJB
    Credentials credentials;

    @EJB
    Webhooks webhooks;

    @PersistenceContext(unitName = "hcc")
    EntityManager em;

    @Resource
    UserTransaction tx;

    static String seed() throws Exception {
        try (InputStream in = EngineIT.class.getResourceAsStream("/seed-payloads/call-created.json")) {
            return Json.createReader(in).readObject().getJsonObject("json").toString();
        }
    }

    static String body(String accountId) throws Exception {
        return seed().replace("\"account_id\":\"12345678\"", "\"account_id\":\"" + accountId + "\"");
    }

    void account(String id) {
        if (accounts.find(id).isEmpty()) {
            accounts.create(new Accounts.AccountInput(id, "Account " + id));
        }
    }

    @Test
    void schemaIsMigratedOnMariaDb() {
        Object version = em.createNativeQuery("SELECT MAX(version) FROM schema_version").getSingleResult();
        assertEquals(1, ((Number) version).intValue());
        String server = (String) em.createNativeQuery("SELECT VERSION()").getSingleResult();
        assertTrue(server.contains("MariaDB"), server);
    }

    @Test
    void theSameEventIdTwiceIsOneEvent() throws Exception {
        account("idem");
        Intake.Receipt first = intake.receive(EventSource.REST, "call.created", body("idem"), "dup-1", null);
        Intake.Receipt second = intake.receive(EventSource.JMS, "call.created", body("idem"), "dup-1", null);
        assertTrue(first.accepted());
        assertFalse(first.duplicate());
        assertTrue(second.duplicate());
        assertEquals(first.eventId(), second.eventId());
        Long count = em.createQuery("SELECT COUNT(e) FROM InboundEvent e WHERE e.accountId = 'idem'", Long.class)
                .getSingleResult();
        assertEquals(1L, count);
    }

    @Test
    void aMalformedEventIsKeptWithItsReason() {
        Intake.Receipt r = intake.receive(EventSource.JMS, "call.created", "{\"account_id\": ", null, null);
        assertFalse(r.accepted());
        InboundEvent e = em.find(InboundEvent.class, r.eventId());
        assertEquals(EventStatus.REJECTED, e.getStatus());
        assertEquals("{\"account_id\": ", e.getPayload());
        assertTrue(e.getRejectReason().contains("not valid JSON"), e.getRejectReason());
    }

    @Test
    void failedAttemptsAreRetriedUntilTheyAreAccepted() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", x -> {
            x.getRequestBody().readAllBytes();
            x.sendResponseHeaders(calls.incrementAndGet() <= 2 ? 503 : 200, -1);
            x.close();
        });
        server.start();
        try {
            account("retry");
            long access = credentials.create("retry", new Credentials.AccessInput(AuthType.API_KEY, "key",
                    "x-api-key", null, null, "retry-api-key-123456", null)).id();
            webhooks.create("retry", new Webhooks.WebhookInput(RequestMethod.POST, "call.created", access,
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/hook", null, 5, null, null, null, null));
            Intake.Receipt r = intake.receive(EventSource.REST, "call.created", body("retry"), null, null);
            assertEquals(1, r.deliveries());

            Delivery d = awaitTerminal(r.eventId());
            assertEquals(DeliveryStatus.SUCCEEDED, d.getStatus());
            assertEquals(3, d.getAttempts(), "503, 503, then 200 (schedule 0s,1s,1s)");
            List<DeliveryAttempt> attempts = em.createNamedQuery(DeliveryAttempt.FIND_BY_DELIVERY, DeliveryAttempt.class)
                    .setParameter("delivery", d).getResultList();
            assertEquals(List.of(503, 503, 200), attempts.stream().map(DeliveryAttempt::getResponseStatus).toList());
            assertEquals(ErrorClass.HTTP_STATUS, attempts.get(0).getErrorClass());
            assertTrue(attempts.get(0).getRequestHeaders().contains("\"x-api-key\":\"retry-****\""),
                    attempts.get(0).getRequestHeaders());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void goneDisablesTheWebhookAtOnce() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", x -> {
            x.getRequestBody().readAllBytes();
            x.sendResponseHeaders(410, -1);
            x.close();
        });
        server.start();
        try {
            account("gone");
            long webhookId = webhooks.create("gone", new Webhooks.WebhookInput(null, "call.created", null,
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/", null, null, null, null, null, null))
                    .webhook().id();
            Intake.Receipt r = intake.receive(EventSource.REST, "call.created", body("gone"), null, null);
            Delivery d = awaitTerminal(r.eventId());
            assertEquals(DeliveryStatus.FAILED, d.getStatus());
            assertEquals(1, d.getAttempts(), "410 is not retried");
            tx.begin();
            try {
                Webhook w = em.find(Webhook.class, webhookId);
                em.refresh(w);
                assertFalse(w.isEnabled());
                assertTrue(w.getDisabledReason().contains("410"));
            } finally {
                tx.commit();
            }
        } finally {
            server.stop(0);
        }
    }

    Delivery awaitTerminal(long eventId) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            tx.begin();
            try {
                InboundEvent event = em.find(InboundEvent.class, eventId);
                List<Delivery> ds = em.createNamedQuery(Delivery.FIND_BY_EVENT, Delivery.class)
                        .setParameter("event", event).getResultList();
                if (!ds.isEmpty()) {
                    em.refresh(ds.get(0));
                    if (ds.get(0).getStatus().isTerminal()) {
                        return ds.get(0);
                    }
                }
            } finally {
                tx.commit();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("delivery of event " + eventId + " did not finish in 30 s");
    }
}
