package dev.gridservices.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.auth.TestCredentials;
import dev.gridservices.testkit.auth.TestToken;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rejected and accepted credentials alike never appear in the log, even at DEBUG (set for the kit in tests). */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class CredentialLoggingTest {

    @Test
    void noCredentialIsEverLogged() {
        String forged = TestToken.forOrganization("org-log").scopes("read_all").signedWithUnpublishedKey().mint();
        String valid = TestCredentials.bearer("org-log", "read_all");
        String revoked = TestCredentials.serverApiKey("org-log");
        String server = TestCredentials.serverApiKey("org-log");
        TestCredentials.revoke(revoked);
        List<String> secrets = List.of(forged, valid, revoked, server, "scoped_made-up-key-123");

        List<String> logged;
        try (LogCapture capture = LogCapture.start()) {
            given().auth().oauth2(forged).get("/v1/caller/programs").then().statusCode(401);
            given().auth().oauth2("garbage." + valid).get("/v1/caller/programs").then().statusCode(401);
            given().auth().oauth2(valid).get("/v1/caller/programs").then().statusCode(200);
            given().header("Texture-Api-Key", revoked).get("/v2/whoami").then().statusCode(401);
            given().header("Texture-Api-Key", "scoped_made-up-key-123").get("/v2/whoami").then().statusCode(401);
            given().header("Texture-Api-Key", server).get("/v2/whoami").then().statusCode(200);
            logged = capture.lines();
        }

        assertThat(logged).as("the capture works: the kit logs rejected tokens at DEBUG")
                .anyMatch(line -> line.contains("Authentication failed"));
        for (String secret : secrets) {
            assertThat(logged).noneMatch(line -> line.contains(secret));
            // A JWT's signature alone would already be a leak of the token.
            assertThat(logged).noneMatch(line -> line.contains(secret.substring(secret.lastIndexOf('.') + 1)));
        }
    }
}
