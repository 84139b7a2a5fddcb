package dev.gridservices.telemetry.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The service's own settings (prefix {@code telemetry}); every key is listed in README.md. */
@ConfigMapping(prefix = "telemetry")
public interface TelemetryConfig {

    Ingest ingest();

    RateLimit rateLimit();

    History history();

    Mqtt mqtt();

    Emissions emissions();

    ReadModels readModels();

    /** The catch-up gate of the in-memory read models (devices.changed, events.dispatched). */
    interface ReadModels {
        /** Seconds a client is told to wait (Retry-After) while the read models catch up after a start. */
        @WithDefault("2")
        int retryAfterSeconds();

        /**
         * How long a report naming a resource or event the read models do not know waits for them to apply what
         * is on their topics now (it may have been created a moment ago) before it is answered: 400 if they are
         * current and it is still unknown, 503 if they are still behind.
         */
        @WithDefault("2S")
        Duration awaitTimeout();
    }

    interface Ingest {
        /** How long a request waits for Kafka to acknowledge all its records before it answers 503. */
        @WithDefault("5S")
        Duration ackDeadline();

        /** Seconds a client is told to wait (Retry-After) after a 503. */
        @WithDefault("5")
        int retryAfterSeconds();

        /** Resources one report may carry (the spec recommends batches of 500). */
        @WithDefault("1000")
        int maxResources();

        /** Readings (resource × interval) one report may carry. */
        @WithDefault("10000")
        int maxReadings();

        /** Readings older than this are refused: history keeps no more. */
        @WithDefault("P90D")
        Duration maxAge();

        /** Readings further in the future than this are refused (clock skew allowance). */
        @WithDefault("P1D")
        Duration maxFuture();

        /** Violations listed in one problem before the rest are summarized. */
        @WithDefault("100")
        int maxErrors();
    }

    interface RateLimit {
        /** Report requests per integration account (organization) per minute (spec §11). */
        @WithDefault("10000")
        int perAccountPerMinute();

        /** Report requests naming one device per minute (spec §11). */
        @WithDefault("60")
        int perDevicePerMinute();

        /** Per-organization overrides of the account limit ("contact us for higher limits"). */
        Map<String, Integer> perAccount();
    }

    interface History {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("telemetry-history-writer")
        String groupId();

        /** Records one writer poll may take; each poll becomes one INSERT. */
        @WithDefault("2000")
        int maxPollRecords();

        /**
         * Rows per second the writer keeps to while ingest requests are in flight (0: no limit), so that its
         * PostgreSQL work does not take the cores those requests wait for; idle, it writes at full speed.
         */
        @WithDefault("5000")
        int busyRowsPerSecond();

        /** Days of history kept; older day partitions are dropped. */
        @WithDefault("90")
        int retentionDays();
    }

    interface Mqtt {
        @WithDefault("true")
        boolean enabled();

        String host();

        int port();

        @WithDefault("$share/telemetry-ingest/texture/v2/+/reports/#")
        String topicFilter();

        Optional<String> username();

        Optional<String> password();

        @WithDefault("telemetry-ingest")
        String clientIdPrefix();

        /**
         * Largest MQTT message taken, in bytes. Vert.x's client otherwise refuses anything over 8 KB by closing
         * the connection (a 500-resource report is ~200 KB), and the broker then redelivers the same message
         * after every reconnect. 8 MiB holds the largest report the limits admit (10,000 readings).
         */
        @WithDefault("8388608")
        int maxMessageSize();
    }

    /**
     * Carbon intensity of grid electricity for {@code /v1/metrics/emissions}, in pounds of CO2 per kWh.
     * Default: U.S. Energy Information Administration, "How much carbon dioxide is produced per kilowatthour
     * of U.S. electricity generation?" (2022: 0.86 lb/kWh, all utility-scale sources); a site's ISO
     * (device-service's site {@code iso}, e.g. ERCOT) may have its own.
     */
    interface Emissions {
        @WithDefault("0.86")
        double defaultLbCo2PerKwh();

        /** Per-ISO factors, keyed by the site's ISO short name as device-service reports it. */
        Map<String, Double> iso();
    }
}
