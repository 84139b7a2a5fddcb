package dev.gridservices.telemetry.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridservices.telemetry.config.TelemetryConfig;
import dev.gridservices.telemetry.service.DeviceDirectory;
import dev.gridservices.telemetry.service.ReportService;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;

/**
 * A second MQTT ingest replica inside the test JVM: the same class, configuration and ingest path as the
 * application's own instance, with its own MQTT connection (its own client id), as another pod would have.
 */
public final class MqttReplica {

    private MqttReplica() {
    }

    public static MqttIngest start(Vertx vertx, ReportService reports, DeviceDirectory devices, ObjectMapper mapper,
                                   TelemetryConfig config, MeterRegistry registry, ReadModelCatchUp catchUp) {
        MqttIngest replica = new MqttIngest(vertx, reports, devices, mapper, config, registry, catchUp);
        replica.start(null);
        return replica;
    }

    public static void stop(MqttIngest replica) {
        replica.stop(null);
    }
}
