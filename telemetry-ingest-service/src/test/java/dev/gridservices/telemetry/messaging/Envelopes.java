package dev.gridservices.telemetry.messaging;

import dev.gridservices.telemetry.service.Reading;
import java.time.Instant;

/** The service's own telemetry.raw record bytes, for benchmarks that send them through other producers. */
public final class Envelopes {

    private Envelopes() {
    }

    public static byte[] of(Reading reading, String reportId, Instant receivedAt) {
        return ReadingPublisher.envelope(reading, reportId, null, null, receivedAt);
    }
}
