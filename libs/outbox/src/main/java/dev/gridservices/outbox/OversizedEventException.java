package dev.gridservices.outbox;

/** An event whose record would exceed the producer's {@code max.request.size}: Kafka would never accept it. */
public class OversizedEventException extends IllegalArgumentException {

    public OversizedEventException(String topic, String type, long bytes, int limit) {
        super("Event " + type + " for topic " + topic + " is " + bytes + " bytes; the Kafka producer accepts at most "
                + limit + " (max.request.size, less record overhead). Split the payload or raise "
                + "outbox.producer.max.request.size together with the topic's max.message.bytes.");
    }
}
