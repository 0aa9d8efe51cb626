package com.hcc.webhooks.system;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.activemq.ActiveMQConnectionFactory;

/** A dialer publishing events the two ways the product accepts them: OpenWire (JMS) and STOMP (raw frames). */
public final class Dialer {

    public static final String QUEUE = "HCC.WEBHOOKS.EVENTS";

    private Dialer() {
    }

    public static void openWire(int port, String event, String json, Map<String, String> properties) throws Exception {
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
        try (Connection c = cf.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(QUEUE));
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            TextMessage m = s.createTextMessage(json);
            if (event != null) {
                m.setStringProperty("event", event);
            }
            for (Map.Entry<String, String> e : properties.entrySet()) {
                m.setStringProperty(e.getKey(), e.getValue());
            }
            p.send(m);
        }
    }

    /**
     * A STOMP 1.2 SEND with content-length, as most STOMP clients send it (the broker then delivers a
     * BytesMessage), waiting for the broker's RECEIPT so the message is stored when this returns.
     */
    public static void stomp(int port, String event, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write("CONNECT\naccept-version:1.2\nhost:localhost\n\n\0".getBytes(StandardCharsets.UTF_8));
            expectFrame(in, "CONNECTED");
            StringBuilder frame = new StringBuilder("SEND\ndestination:/queue/" + QUEUE + "\n");
            if (event != null) {
                frame.append("event:").append(event).append('\n');
            }
            frame.append("content-type:application/json\ncontent-length:").append(body.length)
                    .append("\nreceipt:sent\npersistent:true\n\n");
            out.write(frame.toString().getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.write(0);
            out.flush();
            expectFrame(in, "RECEIPT");
            out.write("DISCONNECT\n\n\0".getBytes(StandardCharsets.UTF_8));
        }
    }

    /** One event as a dialer publishes it: its name, its JSON, and message properties (STOMP headers). */
    public record Event(String event, String json, Map<String, String> properties) {
    }

    /**
     * Publishes the events back to back, in this order, on one OpenWire connection and session (persistent,
     * not transacted), as a dialer does.
     */
    public static void openWire(String brokerUrl, String user, String password, java.util.List<Event> events)
            throws Exception {
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(user, password, brokerUrl);
        try (Connection c = cf.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(QUEUE));
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (Event e : events) {
                TextMessage m = s.createTextMessage(e.json());
                m.setStringProperty("event", e.event());
                for (Map.Entry<String, String> prop : e.properties().entrySet()) {
                    m.setStringProperty(prop.getKey(), prop.getValue());
                }
                p.send(m);
            }
        }
    }

    /**
     * Publishes the events back to back, in this order, on one STOMP connection: SEND frames one after another
     * with no wait between them, a receipt asked for the last only (the broker takes one connection's frames in
     * order, so when it arrives every event is stored).
     */
    public static void stomp(int port, java.util.List<Event> events) throws IOException {
        stomp(port, null, null, events);
    }

    /** The same, signing in with STOMP's login and passcode headers when a login is given. */
    public static void stomp(int port, String login, String passcode, java.util.List<Event> events) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = new java.io.BufferedOutputStream(socket.getOutputStream());
            InputStream in = socket.getInputStream();
            String credentials = login == null ? "" : "login:" + login + "\npasscode:" + passcode + "\n";
            out.write(("CONNECT\naccept-version:1.2\nhost:localhost\n" + credentials + "\n\0")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            expectFrame(in, "CONNECTED");
            for (int i = 0; i < events.size(); i++) {
                Event e = events.get(i);
                byte[] body = e.json().getBytes(StandardCharsets.UTF_8);
                StringBuilder frame = new StringBuilder("SEND\ndestination:/queue/" + QUEUE + "\nevent:" + e.event() + "\n");
                e.properties().forEach((k, v) -> frame.append(k).append(':').append(v).append('\n'));
                frame.append("content-type:application/json\ncontent-length:").append(body.length)
                        .append(i == events.size() - 1 ? "\nreceipt:sent" : "").append("\npersistent:true\n\n");
                out.write(frame.toString().getBytes(StandardCharsets.UTF_8));
                out.write(body);
                out.write(0);
            }
            out.flush();
            expectFrame(in, "RECEIPT");
            out.write("DISCONNECT\n\n\0".getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private static void expectFrame(InputStream in, String command) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) > 0) {
            frame.write(b);
        }
        String text = frame.toString(StandardCharsets.UTF_8).stripLeading();
        if (!text.startsWith(command)) {
            throw new IOException("expected a " + command + " frame, got: " + text);
        }
    }
}
