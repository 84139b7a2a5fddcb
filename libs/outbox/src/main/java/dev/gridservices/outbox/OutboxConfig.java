package dev.gridservices.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Everything under {@code outbox.*}; see README.md, "Configuration". */
@ConfigMapping(prefix = "outbox")
public interface OutboxConfig {

    /** The topics this service produces, declared at startup; record() refuses any other topic. */
    Map<String, Topic> topics();

    Relay relay();

    /** Kafka producer settings for the relay, over the service's {@code kafka.*} (e.g. {@code max.request.size}). */
    Map<String, String> producer();

    Retention retention();

    @WithName("dead-letter")
    DeadLetter deadLetter();

    /** How the dead-letter topics of the service's Kafka channels are declared. */
    interface DeadLetter {
        @WithDefault("true")
        boolean declare();

        @WithDefault("1")
        int partitions();

        @WithName("replication-factor")
        @WithDefault("1")
        short replicationFactor();

        @WithName("min-insync-replicas")
        @WithDefault("1")
        int minInsyncReplicas();
    }

    interface Topic {
        @WithDefault("3")
        int partitions();

        @WithName("replication-factor")
        @WithDefault("1")
        short replicationFactor();

        @WithName("min-insync-replicas")
        @WithDefault("1")
        int minInsyncReplicas();

        /** {@code compact} for keyed state (only the latest record per key matters), else {@code delete}. */
        @WithName("cleanup-policy")
        @WithDefault("delete")
        String cleanupPolicy();

        @WithName("retention")
        Optional<Duration> retention();
    }

    interface Relay {
        /** Defaults to "a topic is declared": a service that produces nothing runs no relay. */
        Optional<Boolean> enabled();

        /** The safety-net poll; a commit wakes the relay through LISTEN/NOTIFY long before this. */
        @WithDefault("5s")
        Duration interval();

        @WithDefault("2s")
        Duration delay();

        @WithName("batch-size")
        @WithDefault("500")
        int batchSize();

        /** Key-hash shards; each is sent by one relay at a time (advisory lock). Changing it reshuffles keys. */
        @WithDefault("16")
        int shards();

        /** Shards drained at once by one relay. */
        @WithDefault("4")
        int concurrency();

        @WithName("max-attempts")
        @WithDefault("10")
        int maxAttempts();

        /** How long a batch may wait for the broker's acks while its shard lock is held. */
        @WithName("ack-timeout")
        @WithDefault("10s")
        Duration ackTimeout();

        /** Delay before a batch with failed sends is tried again. */
        @WithName("retry-backoff")
        @WithDefault("500ms")
        Duration retryBackoff();

        @WithDefault("true")
        boolean listen();

        /** How often the lag gauges (pending count, oldest pending age, parked count) are refreshed. */
        @WithName("lag-interval")
        @WithDefault("5s")
        Duration lagInterval();
    }

    interface Retention {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("10m")
        Duration interval();

        /** Published outbox rows older than this are deleted. */
        @WithName("published-age")
        @WithDefault("7d")
        Duration publishedAge();

        /** Inbox (message id) rows older than this are deleted: a redelivery older than this is not deduplicated. */
        @WithName("inbox-age")
        @WithDefault("30d")
        Duration inboxAge();

        @WithName("batch-size")
        @WithDefault("5000")
        int batchSize();
    }
}
