package dev.gridservices.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridservices.auth.service.ClientCache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Random client ids sent to the token endpoint cannot push real clients out of the token endpoint's cache. */
@QuarkusTest
@QuarkusTestResource(AuthTestResource.class)
class ClientCacheTest {

    /** The test profile's auth.clients.negative-cache-size; small, so the flood stays well inside the 5 s cache TTL. */
    private static final int UNKNOWN_IDS_KEPT = 10;

    @Inject
    ClientCache cache;

    @Test
    void unknownClientIdsCompeteOnlyWithEachOther() {
        AuthFixtures.Client client = AuthFixtures.client(List.of("read_events"));
        AuthFixtures.accessToken(client);
        assertThat(cache.holds(client.clientId())).as("an authenticated client is cached").isTrue();

        for (int i = 0; i < 4 * UNKNOWN_IDS_KEPT; i++) {
            AuthFixtures.token("cl_" + UUID.randomUUID(), "cs_guess", null).then().statusCode(401);
        }

        assertThat(cache.unknownEntries()).isLessThanOrEqualTo(UNKNOWN_IDS_KEPT);
        assertThat(cache.holds(client.clientId())).as("the real client survived the flood").isTrue();
        AuthFixtures.accessToken(client);
    }
}
