package dev.gridservices.programs;

import dev.gridservices.testkit.AbstractReadinessTest;
import dev.gridservices.testkit.DatabaseDownProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(DatabaseDownProfile.class)
class ReadinessTest extends AbstractReadinessTest {
}
