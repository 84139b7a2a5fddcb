package dev.gridservices.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.auth.TestCredentials;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * When auth-service cannot be asked about an API key, the request is neither let in nor told its key is
 * bad: 503 with Retry-After. Bearer tokens are verified locally and keep working.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
@TestProfile(AuthServiceDownTest.IntrospectionUnreachable.class)
class AuthServiceDownTest {

    public static class IntrospectionUnreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
            return Map.of("security.auth-service.url", "http://127.0.0.1:9");
        }
    }

    @Test
    void apiKeyAnswers503AndTokensStillWork() {
        String key = TestCredentials.serverApiKey("org-down");
        List<String> logged;
        try (LogCapture capture = LogCapture.start()) {
            given().header("Texture-Api-Key", key).get("/v2/whoami").then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "1")
                    .body("status", equalTo(503))
                    .body("type", equalTo("https://direct.texturehq.com/errors/service-unavailable"));
            logged = capture.lines();
        }
        assertThat(logged).anyMatch(line -> line.contains("Cannot authenticate"));
        assertThat(logged).noneMatch(line -> line.contains(key));

        given().auth().oauth2(TestCredentials.bearer("org-down", "read_all")).get("/v1/caller/programs")
                .then().statusCode(200).body("organizationId", equalTo("org-down"));
    }
}
