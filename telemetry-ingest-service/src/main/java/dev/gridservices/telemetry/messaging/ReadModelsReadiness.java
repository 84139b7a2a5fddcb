package dev.gridservices.telemetry.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** DOWN until the read models have caught up: a replica that would refuse known devices gets no traffic. */
@Readiness
@ApplicationScoped
public class ReadModelsReadiness implements HealthCheck {

    private final ReadModelCatchUp catchUp;

    public ReadModelsReadiness(ReadModelCatchUp catchUp) {
        this.catchUp = catchUp;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("telemetry-read-models").status(catchUp.isCaughtUp()).build();
    }
}
