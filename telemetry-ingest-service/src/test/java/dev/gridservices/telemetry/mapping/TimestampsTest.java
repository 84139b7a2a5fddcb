package dev.gridservices.telemetry.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast path gives what Instant.parse gives, and refuses what it refuses. */
class TimestampsTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-01T09:00:00Z", "2026-12-01T09:00:00.1Z", "2026-12-01T23:59:59.123456789Z",
            "2024-02-29T00:00:00Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.5Z", "0001-01-01T00:00:00Z",
            "2026-12-01T09:00:00+01:00", "2026-12-01T09:00:00.250-05:30", "2026-12-01T23:59:60Z", "9999-12-31T23:59:59Z",
            // not of the fast shape, accepted by Instant.parse all the same
            "2026-12-01T24:00:00Z", "2026-12-01T09:00:00.Z", "2026-12-01T09:00:00z"})
    void agreesWithInstantParse(String text) {
        assertThat(Timestamps.parse(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-04-31T00:00:00Z",
            "2026-12-01T09:60:00Z", "2026-12-01T09:00:00.1234567890Z", "2026-12-01 09:00:00Z",
            "2026-12-01T09:00:00", "2026-1a-01T09:00:00Z", "", "2026-12-01"})
    void refusesWhatInstantParseRefuses(String text) {
        assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(DateTimeParseException.class);
    }
}
