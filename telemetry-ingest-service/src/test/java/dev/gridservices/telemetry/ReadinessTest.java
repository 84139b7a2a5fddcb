package dev.gridservices.telemetry;

import dev.gridservices.testkit.AbstractReadinessTest;
import dev.gridservices.testkit.DatabaseDownProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeEach;

@QuarkusTest
@TestProfile(DatabaseDownProfile.class)
class ReadinessTest extends AbstractReadinessTest {

    /** Readiness is DOWN until the read models caught up (ReadModelCatchUpTest); here the database is tested. */
    @BeforeEach
    void readModelsCaughtUp() {
        Fixtures.awaitCaughtUp();
    }
}
