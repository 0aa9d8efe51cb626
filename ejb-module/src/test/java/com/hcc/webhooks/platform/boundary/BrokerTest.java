package com.hcc.webhooks.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** What readiness says of a broker that refused its session: classes only, never the message. */
class BrokerTest {

    @Test
    void namesTheExceptionAndItsRootCauseButNotTheMessage() {
        JMSException e = new JMSException("Could not connect to broker URL: tcp://user:pw@10.0.0.9:61616");
        e.initCause(new RuntimeException("wrapped", new ConnectException("Connection refused")));
        assertEquals("refused: JMSException (ConnectException)", Broker.refused(e));
    }

    @Test
    void anExceptionWithoutCauseIsNamedOnce() {
        assertEquals("refused: JMSSecurityException",
                Broker.refused(new JMSSecurityException("User name [x] or password is invalid.")));
    }
}
