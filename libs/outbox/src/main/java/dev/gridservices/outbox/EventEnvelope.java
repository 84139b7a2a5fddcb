package dev.gridservices.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.UUID;

/**
 * The versioned envelope every topic carries: consumers dedupe on {@code id}, switch on
 * {@code type}/{@code version}, scope by {@code tenant} without looking into the payload, and refuse a
 * stale update with {@code aggregateVersion} (null when the producer sets none).
 */
public record EventEnvelope(UUID id, String type, int version, Instant occurredAt, String tenant,
                            Long aggregateVersion, JsonNode payload) {

    public static EventEnvelope parse(ObjectMapper mapper, String json) {
        try {
            return mapper.readValue(json, EventEnvelope.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("Not an event envelope", e);
        }
    }
}
