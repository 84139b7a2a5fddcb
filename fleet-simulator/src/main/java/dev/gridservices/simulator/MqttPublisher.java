package dev.gridservices.simulator;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal MQTT 3.1.1 client, enough for the simulator: CONNECT (the Direct API puts the access token in
 * the username), PUBLISH at QoS 1 and wait for its PUBACK, DISCONNECT. Kept in the JDK so the jar needs no
 * classpath; one publish in flight at a time.
 */
final class MqttPublisher implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private int packetId;

    /**
     * Connects as {@code clientId}: the platform's broker admits a VEN's connection only with client id
     * {@code venID} or {@code venID:<suffix>}.
     */
    MqttPublisher(String host, int port, String username, String clientId) throws IOException {
        socket = new Socket(host, port);
        socket.setSoTimeout(10_000);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        string(body, "MQTT");
        body.write(4);
        byte flags = 0x02;
        if (username != null) {
            flags |= (byte) 0xC0;
        }
        body.write(flags);
        body.write(0);
        body.write(60);
        string(body, clientId);
        if (username != null) {
            string(body, username);
            string(body, "");
        }
        packet(0x10, body.toByteArray());
        int type = in.readUnsignedByte();
        int length = in.readUnsignedByte();
        byte[] ack = in.readNBytes(length);
        if (type != 0x20 || ack.length < 2 || ack[1] != 0) {
            throw new IOException("MQTT broker refused the connection (CONNACK code " + (ack.length > 1 ? ack[1] : -1) + ")");
        }
    }

    /** Publishes at QoS 1 and returns once the broker acknowledged (PUBACK). */
    void publish(String topic, byte[] payload) throws IOException {
        packetId = packetId % 65535 + 1;
        ByteArrayOutputStream body = new ByteArrayOutputStream(payload.length + topic.length() + 8);
        string(body, topic);
        body.write(packetId >> 8);
        body.write(packetId & 0xFF);
        body.write(payload);
        packet(0x32, body.toByteArray());
        while (true) {
            int type = in.readUnsignedByte();
            int length = remainingLength();
            byte[] rest = in.readNBytes(length);
            if ((type & 0xF0) == 0x40 && length == 2 && ((rest[0] & 0xFF) << 8 | (rest[1] & 0xFF)) == packetId) {
                return;
            }
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

    private void packet(int header, byte[] body) throws IOException {
        ByteArrayOutputStream packet = new ByteArrayOutputStream(body.length + 5);
        packet.write(header);
        int length = body.length;
        do {
            int digit = length % 128;
            length /= 128;
            packet.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
        packet.write(body);
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
        try {
            out.write(new byte[] {(byte) 0xE0, 0});
            out.flush();
        } finally {
            socket.close();
        }
    }
}
