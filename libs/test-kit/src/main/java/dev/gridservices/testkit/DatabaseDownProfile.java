package dev.gridservices.testkit;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** A profile whose database is {@link DisposableDatabaseResource}'s, so a test can take it away. */
public class DatabaseDownProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(DisposableDatabaseResource.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
