package dev.gridservices.outbox;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jboss.logging.Logger;

/**
 * Declares the topics of {@code outbox.topics.*} with the Kafka AdminClient instead of relying on
 * broker auto-creation: a missing topic is created with its partitions, replication factor,
 * min.insync.replicas and cleanup policy; an existing one is left alone and checked (a difference is
 * logged, never "fixed", since partitions cannot shrink and re-keying would break order).
 */
@ApplicationScoped
public class OutboxTopics {

    private static final Logger LOG = Logger.getLogger(OutboxTopics.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final OutboxConfig config;
    private final Map<String, Object> adminConfig;
    private final Object adminLock = new Object();
    private Admin admin;

    public OutboxTopics(OutboxConfig config, OutboxProducer producer) {
        this.config = config;
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

    public Set<String> names() {
        return config.topics().keySet();
    }

    /** Creates the missing declared topics and checks the existing ones; safe to call again. Blocking. */
    public synchronized void declare() throws Exception {
        if (names().isEmpty()) {
            return;
        }
        Set<String> existing = admin().listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        List<NewTopic> missing = new ArrayList<>();
        config.topics().forEach((name, topic) -> {
            if (!existing.contains(name)) {
                missing.add(new NewTopic(name, topic.partitions(), topic.replicationFactor()).configs(configs(topic)));
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
        Map<ConfigResource, Config> configs = admin().describeConfigs(resources).all()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        config.topics().forEach((name, wanted) -> {
            TopicDescription actual = descriptions.get(name);
            if (actual.partitions().size() != wanted.partitions()) {
                LOG.warnf("Topic %s has %d partitions, %d declared; left as it is", name,
                        actual.partitions().size(), wanted.partitions());
            }
            Config actualConfig = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name));
            configs(wanted).forEach((key, value) -> {
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
