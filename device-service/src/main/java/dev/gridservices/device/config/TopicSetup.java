package dev.gridservices.device.config;

import dev.gridservices.device.messaging.DeviceEvents;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Creates {@value DeviceEvents#TOPIC} as a compacted topic at start-up if it does not exist yet (before the
 * outbox relay's first send would auto-create it with the broker's default, delete, policy). Read models
 * rebuild from it: compaction keeps the newest snapshot per key. A broker that is not reachable is logged,
 * not fatal: the relay keeps events pending until it is.
 */
@ApplicationScoped
public class TopicSetup {

    private static final Logger LOG = Logger.getLogger(TopicSetup.class);

    private final String bootstrap;
    private final int partitions;
    private final short replicationFactor;

    public TopicSetup(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
                      @ConfigProperty(name = "device.events.partitions", defaultValue = "6") int partitions,
                      @ConfigProperty(name = "device.events.replication-factor", defaultValue = "1") short replicationFactor) {
        this.bootstrap = bootstrap;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
    }

    void onStart(@Observes StartupEvent event) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000))) {
            NewTopic topic = new NewTopic(DeviceEvents.TOPIC, partitions, replicationFactor)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(topic)).all().get(10, TimeUnit.SECONDS);
            LOG.infof("Created compacted topic %s (%d partitions)", DeviceEvents.TOPIC, partitions);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return;
            }
            LOG.warnf("Could not create topic %s: %s", DeviceEvents.TOPIC, e.getCause());
        } catch (TimeoutException e) {
            LOG.warnf("Could not create topic %s: broker did not answer in time", DeviceEvents.TOPIC);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
