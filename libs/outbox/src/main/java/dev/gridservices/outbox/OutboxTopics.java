package dev.gridservices.outbox;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Declares the topics of {@code outbox.topics.*}, and the dead-letter topics of the service's Kafka
 * channels, with the Kafka AdminClient instead of relying on broker auto-creation: a missing topic is created with its partitions, replication factor,
 * min.insync.replicas and cleanup policy; an existing one is left alone and checked (a difference is
 * logged, never "fixed", since partitions cannot shrink and re-keying would break order).
 */
@ApplicationScoped
public class OutboxTopics {

    private static final Logger LOG = Logger.getLogger(OutboxTopics.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String INCOMING = "mp.messaging.incoming.";

    /** A topic to declare: partitions, replication factor and topic configs. */
    record Declaration(int partitions, short replicationFactor, Map<String, String> configs) {
    }

    private final Map<String, Declaration> declarations;
    private final Map<String, Object> adminConfig;
    private final Object adminLock = new Object();
    private Admin admin;

    public OutboxTopics(OutboxConfig config, OutboxProducer producer, Config mpConfig) {
        Map<String, Declaration> declarations = new TreeMap<>();
        config.topics().forEach((name, topic) -> declarations.put(name,
                new Declaration(topic.partitions(), topic.replicationFactor(), configs(topic))));
        if (config.deadLetter().declare()) {
            OutboxConfig.DeadLetter dlq = config.deadLetter();
            Declaration declaration = new Declaration(dlq.partitions(), dlq.replicationFactor(), Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                    TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(dlq.minInsyncReplicas())));
            deadLetterTopics(mpConfig).forEach(name -> declarations.putIfAbsent(name, declaration));
        }
        this.declarations = Map.copyOf(declarations);
        Map<String, Object> admin = new HashMap<>();
        producer.config().forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) {
                admin.put(k, v);
            }
        });
        admin.put(AdminClientConfig.CLIENT_ID_CONFIG, "outbox-topics");
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        this.adminConfig = admin;
    }

    /** Every topic declared at startup: the service's {@code outbox.topics} and its channels' dead-letter topics. */
    public Set<String> names() {
        return declarations.keySet();
    }

    /**
     * The dead-letter topics of the service's Kafka channels that dead-letter failures (the library's
     * default): {@code dead-letter-queue.topic}, else SmallRye's {@code dead-letter-topic-<channel>}.
     */
    static Set<String> deadLetterTopics(Config mpConfig) {
        Set<String> topics = new TreeSet<>();
        String connectorStrategy = mpConfig.getOptionalValue("mp.messaging.connector.smallrye-kafka.failure-strategy",
                String.class).orElse("fail");
        for (String name : mpConfig.getPropertyNames()) {
            if (!name.startsWith(INCOMING) || !name.endsWith(".connector")) {
                continue;
            }
            String channel = name.substring(INCOMING.length(), name.length() - ".connector".length());
            String prefix = INCOMING + channel + ".";
            boolean kafka = mpConfig.getOptionalValue(name, String.class).filter("smallrye-kafka"::equals).isPresent();
            String strategy = mpConfig.getOptionalValue(prefix + "failure-strategy", String.class).orElse(connectorStrategy);
            if (kafka && "dead-letter-queue".equals(strategy)) {
                topics.add(mpConfig.getOptionalValue(prefix + "dead-letter-queue.topic", String.class)
                        .orElse("dead-letter-topic-" + channel));
            }
        }
        return topics;
    }

    /** Creates the missing declared topics and checks the existing ones; safe to call again. Blocking. */
    public synchronized void declare() throws Exception {
        if (names().isEmpty()) {
            return;
        }
        Set<String> existing = admin().listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        List<NewTopic> missing = new ArrayList<>();
        declarations.forEach((name, topic) -> {
            if (!existing.contains(name)) {
                missing.add(new NewTopic(name, topic.partitions(), topic.replicationFactor()).configs(topic.configs()));
            }
        });
        for (var entry : admin().createTopics(missing).values().entrySet()) {
            try {
                entry.getValue().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                LOG.infof("Created topic %s", entry.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        verify(!missing.isEmpty());
    }

    private void verify(boolean justCreated) throws Exception {
        Map<String, TopicDescription> descriptions = describe(justCreated ? 20 : 1);
        List<ConfigResource> resources = names().stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
        Map<ConfigResource, org.apache.kafka.clients.admin.Config> configs = admin().describeConfigs(resources).all()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        declarations.forEach((name, wanted) -> {
            TopicDescription actual = descriptions.get(name);
            if (actual.partitions().size() != wanted.partitions()) {
                LOG.warnf("Topic %s has %d partitions, %d declared; left as it is", name,
                        actual.partitions().size(), wanted.partitions());
            }
            org.apache.kafka.clients.admin.Config actualConfig = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name));
            wanted.configs().forEach((key, value) -> {
                ConfigEntry entry = actualConfig.get(key);
                if (entry == null || !value.equals(entry.value())) {
                    LOG.warnf("Topic %s has %s=%s, %s declared; left as it is", name, key,
                            entry == null ? null : entry.value(), value);
                }
            });
        });
    }

    /** A new topic's metadata reaches the broker a moment after createTopics returns: ask again briefly. */
    private Map<String, TopicDescription> describe(int tries) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return admin().describeTopics(names()).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || attempt >= tries) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static Map<String, String> configs(OutboxConfig.Topic topic) {
        Map<String, String> configs = new HashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, topic.cleanupPolicy());
        configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(topic.minInsyncReplicas()));
        topic.retention().ifPresent(r -> configs.put(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(r.toMillis())));
        return configs;
    }

    /** Whether the brokers answer within {@code timeout}; for the health check. */
    public boolean reachable(Duration timeout) {
        try {
            admin().describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private Admin admin() {
        synchronized (adminLock) {
            if (admin == null) {
                admin = Admin.create(adminConfig);
            }
            return admin;
        }
    }

    @PreDestroy
    void close() {
        synchronized (adminLock) {
            if (admin != null) {
                admin.close(Duration.ofSeconds(2));
            }
        }
    }
}
