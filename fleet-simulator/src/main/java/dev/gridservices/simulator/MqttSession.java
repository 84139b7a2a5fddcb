package dev.gridservices.simulator;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * A minimal MQTT 3.1.1 session for a VEN that listens: CONNECT (access token as username, as the
 * platform's broker wants, and a client id derived from the VEN id, {@code venID:suffix}, so the broker
 * lets it in without taking over the VEN's other sessions), SUBSCRIBE at QoS 1, every PUBLISH handed to
 * a handler and acknowledged (PUBACK) after it, QoS 1 publishes that wait for their PUBACK, and a PINGREQ
 * every 30 s. One reader thread; writes are serialized. JDK only, so the jar needs no classpath.
 */
final class MqttSession implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private final Map<Integer, CompletableFuture<Integer>> acks = new ConcurrentHashMap<>();
    private final ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mqtt-ping");
        t.setDaemon(true);
        return t;
    });
    private final Thread reader;
    private volatile BiConsumer<String, String> handler = (topic, payload) -> { };
    private volatile boolean closed;
    private int packetId;

    /** Connects; {@code cleanSession} false keeps QoS 1 messages queued at the broker while away. */
    MqttSession(String host, int port, String clientId, String username, boolean cleanSession) throws IOException {
        socket = new Socket(host, port);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        string(body, "MQTT");
        body.write(4);
        int flags = cleanSession ? 0x02 : 0x00;
        if (username != null) {
            flags |= 0xC0;
        }
        body.write(flags);
        body.write(0);
        body.write(60);
        string(body, clientId);
        if (username != null) {
            string(body, username);
            string(body, "");
        }
        socket.setSoTimeout(10_000);
        packet(0x10, body.toByteArray());
        int type = in.readUnsignedByte();
        byte[] ack = in.readNBytes(remainingLength());
        if (type != 0x20 || ack.length < 2 || ack[1] != 0) {
            socket.close();
            throw new IOException("MQTT broker refused the connection (CONNACK code " + (ack.length > 1 ? ack[1] : -1)
                    + ")");
        }
        socket.setSoTimeout(0);
        reader = new Thread(this::read, "mqtt-session-" + clientId);
        reader.setDaemon(true);
        reader.start();
        pinger.scheduleAtFixedRate(this::ping, 30, 30, TimeUnit.SECONDS);
    }

    /** Called on the reader thread for every message; the PUBACK is sent once it returns. */
    void onMessage(BiConsumer<String, String> handler) {
        this.handler = handler;
    }

    /** Subscribes at QoS 1 and waits for the SUBACK; a refused filter (return code 0x80) is an IOException. */
    void subscribe(String filter) throws IOException {
        int id = nextId();
        CompletableFuture<Integer> ack = new CompletableFuture<>();
        acks.put(id, ack);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(id >> 8);
        body.write(id & 0xFF);
        string(body, filter);
        body.write(1);
        packet(0x82, body.toByteArray());
        int code = await(ack, "SUBACK");
        if (code == 0x80) {
            throw new IOException("MQTT broker refused the subscription to " + filter);
        }
    }

    /** Publishes at QoS 1 and returns once the broker acknowledged (PUBACK). */
    void publish(String topic, byte[] payload) throws IOException {
        int id = nextId();
        CompletableFuture<Integer> ack = new CompletableFuture<>();
        acks.put(id, ack);
        ByteArrayOutputStream body = new ByteArrayOutputStream(payload.length + topic.length() + 8);
        string(body, topic);
        body.write(id >> 8);
        body.write(id & 0xFF);
        body.writeBytes(payload);
        packet(0x32, body.toByteArray());
        await(ack, "PUBACK");
    }

    private int await(CompletableFuture<Integer> ack, String what) throws IOException {
        try {
            return ack.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("no " + what + " from the MQTT broker", e);
        }
    }

    private synchronized int nextId() {
        packetId = packetId % 65535 + 1;
        return packetId;
    }

    private void read() {
        try {
            while (!closed) {
                int header = in.readUnsignedByte();
                byte[] body = in.readNBytes(remainingLength());
                int type = header & 0xF0;
                if (type == 0x30) {
                    received(header, body);
                } else if (type == 0x40 || type == 0x90) {
                    int id = (body[0] & 0xFF) << 8 | (body[1] & 0xFF);
                    CompletableFuture<Integer> ack = acks.remove(id);
                    if (ack != null) {
                        ack.complete(type == 0x90 ? body[2] & 0xFF : 0);
                    }
                }
            }
        } catch (EOFException | SocketException e) {
            if (!closed) {
                System.err.println("MQTT session closed by the broker: " + e.getMessage());
            }
        } catch (IOException e) {
            System.err.println("MQTT session failed: " + e);
        }
    }

    private void received(int header, byte[] body) throws IOException {
        int topicLength = (body[0] & 0xFF) << 8 | (body[1] & 0xFF);
        String topic = new String(body, 2, topicLength, StandardCharsets.UTF_8);
        int offset = 2 + topicLength;
        int qos = (header >> 1) & 0x03;
        int id = 0;
        if (qos > 0) {
            id = (body[offset] & 0xFF) << 8 | (body[offset + 1] & 0xFF);
            offset += 2;
        }
        String payload = new String(body, offset, body.length - offset, StandardCharsets.UTF_8);
        try {
            handler.accept(topic, payload);
        } catch (RuntimeException e) {
            System.err.println("handling a message on " + topic + " failed: " + e);
        }
        if (qos > 0) {
            packet(0x40, new byte[] {(byte) (id >> 8), (byte) (id & 0xFF)});
        }
    }

    private void ping() {
        try {
            packet(0xC0, new byte[0]);
        } catch (IOException e) {
            // the reader reports the broken connection
        }
    }

    private int remainingLength() throws IOException {
        int value = 0;
        int multiplier = 1;
        int b;
        do {
            b = in.readUnsignedByte();
            value += (b & 0x7F) * multiplier;
            multiplier *= 128;
        } while ((b & 0x80) != 0);
        return value;
    }

    private synchronized void packet(int header, byte[] body) throws IOException {
        ByteArrayOutputStream packet = new ByteArrayOutputStream(body.length + 5);
        packet.write(header);
        int length = body.length;
        do {
            int digit = length % 128;
            length /= 128;
            packet.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
        packet.writeBytes(body);
        out.write(packet.toByteArray());
        out.flush();
    }

    private static void string(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xFF);
        out.writeBytes(bytes);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        pinger.shutdownNow();
        try {
            packet(0xE0, new byte[0]);
        } finally {
            socket.close();
        }
    }
}
