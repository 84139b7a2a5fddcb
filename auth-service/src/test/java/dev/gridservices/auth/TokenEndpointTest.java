package dev.gridservices.auth;

import static dev.gridservices.auth.AuthFixtures.ADMIN_KEY;
import static dev.gridservices.auth.AuthFixtures.FORM;
import static dev.gridservices.auth.AuthFixtures.HEADER;
import static dev.gridservices.auth.AuthFixtures.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client-credentials grant and every RFC 6749 §5.2 error it answers with. */
@QuarkusTest
@QuarkusTestResource(AuthTestResource.class)
class TokenEndpointTest {

    private static final List<String> VEN_SCOPES = List.of("read_events", "write_reports", "write_vens");

    @Test
    void issuesATokenForAllAllowedScopesWhenNoneIsRequested() {
        AuthFixtures.Client client = AuthFixtures.client(VEN_SCOPES);
        token(client.clientId(), client.secret(), null).then().statusCode(200)
                .contentType("application/json")
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(3600))
                .body("scope", equalTo("read_events write_reports write_vens"))
                .body("access_token", notNullValue())
                .body("refresh_token", nullValue());
    }

    @Test
    void grantsARequestedSubsetOfTheAllowedScopes() {
        AuthFixtures.Client client = AuthFixtures.client(VEN_SCOPES);
        token(client.clientId(), client.secret(), "write_reports read_events").then().statusCode(200)
                .body("scope", equalTo("write_reports read_events"));
    }

    @Test
    void acceptsHttpBasicClientAuthentication() {
        AuthFixtures.Client client = AuthFixtures.client(VEN_SCOPES);
        AuthFixtures.fromAnyAddress().auth().preemptive().basic(client.clientId(), client.secret())
                .contentType(FORM).formParam("grant_type", "client_credentials")
                .post("/v2/auth/token").then().statusCode(200).body("token_type", equalTo("Bearer"));
    }

    @Test
    void refusesAScopeTheClientIsNotAllowed() {
        AuthFixtures.Client client = AuthFixtures.client(VEN_SCOPES);
        token(client.clientId(), client.secret(), "read_events write_programs").then().statusCode(400)
                .header("Cache-Control", "no-store")
                .body("error", equalTo("invalid_scope"))
                .body("error_description", containsString("write_programs"));
        token(client.clientId(), client.secret(), "no_such_scope").then().statusCode(400)
                .body("error", equalTo("invalid_scope"));
    }

    @Test
    void refusesAWrongSecretWith401() {
        AuthFixtures.Client client = AuthFixtures.client(VEN_SCOPES);
        token(client.clientId(), "cs_wrong", null).then().statusCode(401)
                .header("WWW-Authenticate", containsString("Basic"))
                .body("error", equalTo("invalid_client"));
        token("cl_unknown_client", client.secret(), null).then().statusCode(401)
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void refusesAWrongBasicSecretWith401AndAChallenge() {
        AuthFixtures.Client client = AuthFixtures.client(VEN_SCOPES);
        AuthFixtures.fromAnyAddress().auth().preemptive().basic(client.clientId(), "cs_wrong")
                .contentType(FORM).formParam("grant_type", "client_credentials")
                .post("/v2/auth/token").then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Basic realm=\"grid-services\""))
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void refusesMissingClientCredentials() {
        AuthFixtures.fromAnyAddress().contentType(FORM).formParam("grant_type", "client_credentials")
                .post("/v2/auth/token").then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void refusesTwoClientAuthenticationMethodsAtOnce() {
        AuthFixtures.Client client = AuthFixtures.client(VEN_SCOPES);
        AuthFixtures.fromAnyAddress().auth().preemptive().basic(client.clientId(), client.secret())
                .contentType(FORM).formParam("grant_type", "client_credentials")
                .formParam("client_id", client.clientId()).formParam("client_secret", client.secret())
                .post("/v2/auth/token").then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void refusesABodyThatIsNotAForm() {
        AuthFixtures.Client client = AuthFixtures.client(VEN_SCOPES);
        AuthFixtures.fromAnyAddress().contentType("application/json")
                .body("{\"grant_type\":\"client_credentials\",\"client_id\":\"" + client.clientId()
                        + "\",\"client_secret\":\"" + client.secret() + "\"}")
                .post("/v2/auth/token").then().statusCode(400)
                .header("Cache-Control", "no-store")
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void refusesMissingGrantTypeAndRepeatedParameters() {
        AuthFixtures.Client client = AuthFixtures.client(VEN_SCOPES);
        AuthFixtures.fromAnyAddress().contentType(FORM).formParam("client_id", client.clientId()).formParam("client_secret", client.secret())
                .post("/v2/auth/token").then().statusCode(400).body("error", equalTo("invalid_request"));
        AuthFixtures.fromAnyAddress().contentType(FORM)
                .body("grant_type=client_credentials&scope=read_events&scope=write_vens&client_id="
                        + client.clientId() + "&client_secret=" + client.secret())
                .post("/v2/auth/token").then().statusCode(400).body("error", equalTo("invalid_request"))
                .body("error_description", containsString("scope"));
    }

    /** RFC 6749 §5.2: a body that is no valid form is invalid_request, as OAuth clients expect, not a generic problem. */
    @Test
    void refusesAMalformedFormBodyAsInvalidRequest() {
        AuthFixtures.Client client = AuthFixtures.client(VEN_SCOPES);
        for (String body : List.of("%%%", "grant_type=client_credentials&client_id=" + client.clientId()
                + "&client_secret=" + client.secret() + "&scope=%zz", "grant_type=client_%")) {
            AuthFixtures.fromAnyAddress().contentType(FORM).body(body)
                    .post("/v2/auth/token").then().statusCode(400)
                    .contentType("application/json")
                    .header("Cache-Control", "no-store")
                    .body("error", equalTo("invalid_request"))
                    .body("error_description", containsString("form"))
                    .body("type", nullValue());
        }
        // The same client with a well-formed body still gets its token: nothing was held against it.
        token(client.clientId(), client.secret(), null).then().statusCode(200);
    }

    @Test
    void refusesOtherGrantTypes() {
        AuthFixtures.Client client = AuthFixtures.client(VEN_SCOPES);
        AuthFixtures.fromAnyAddress().contentType(FORM).formParam("grant_type", "password").formParam("client_id", client.clientId())
                .formParam("client_secret", client.secret()).formParam("username", "u").formParam("password", "p")
                .post("/v2/auth/token").then().statusCode(400).body("error", equalTo("unsupported_grant_type"));
        AuthFixtures.fromAnyAddress().contentType(FORM).formParam("grant_type", "refresh_token").formParam("client_id", client.clientId())
                .formParam("client_secret", client.secret()).formParam("refresh_token", "anything")
                .post("/v2/auth/token").then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void aSuspendedClientIsUnauthorizedUntilResumed() {
        AuthFixtures.Client client = AuthFixtures.client(VEN_SCOPES);
        String path = "/v1/organizations/" + client.organizationId() + "/oauth-clients/" + client.clientId();
        AuthFixtures.fromAnyAddress().header(HEADER, ADMIN_KEY).post(path + "/suspend").then().statusCode(200).body("status", equalTo("SUSPENDED"));
        token(client.clientId(), client.secret(), null).then().statusCode(400).body("error", equalTo("unauthorized_client"));
        AuthFixtures.fromAnyAddress().header(HEADER, ADMIN_KEY).post(path + "/resume").then().statusCode(200).body("status", equalTo("ACTIVE"));
        token(client.clientId(), client.secret(), null).then().statusCode(200);
    }

    @Test
    void aRevokedClientCannotAuthenticate() {
        AuthFixtures.Client client = AuthFixtures.client(VEN_SCOPES);
        AuthFixtures.fromAnyAddress().header(HEADER, ADMIN_KEY)
                .delete("/v1/organizations/{org}/oauth-clients/{id}", client.organizationId(), client.clientId())
                .then().statusCode(204);
        token(client.clientId(), client.secret(), null).then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void countsIssuedAndFailedTokensByError() {
        AuthFixtures.Client client = AuthFixtures.client(VEN_SCOPES);
        double issuedBefore = metric("auth_tokens_issued_total", "");
        double invalidClientBefore = metric("auth_tokens_failed_total", "error=\"invalid_client\"");
        double invalidScopeBefore = metric("auth_tokens_failed_total", "error=\"invalid_scope\"");
        long timedBefore = (long) metric("auth_token_issue_seconds_count", "");

        token(client.clientId(), client.secret(), null).then().statusCode(200);
        token(client.clientId(), client.secret(), null).then().statusCode(200);
        token(client.clientId(), "cs_wrong", null).then().statusCode(401);

        org.assertj.core.api.Assertions.assertThat(metric("auth_tokens_issued_total", "")).isEqualTo(issuedBefore + 2);
        org.assertj.core.api.Assertions.assertThat(metric("auth_tokens_failed_total", "error=\"invalid_client\""))
                .isEqualTo(invalidClientBefore + 1);
        org.assertj.core.api.Assertions.assertThat(metric("auth_tokens_failed_total", "error=\"invalid_scope\""))
                .isEqualTo(invalidScopeBefore);
        org.assertj.core.api.Assertions.assertThat((long) metric("auth_token_issue_seconds_count", ""))
                .isEqualTo(timedBefore + 3);
        given().accept("text/plain").get("/q/metrics").then().statusCode(200).body(not(containsString(client.secret())));
    }

    /** The value of one Prometheus sample (0 if absent): the line of {@code name} whose labels contain {@code label}. */
    static double metric(String name, String label) {
        String text = given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
        return text.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> label.isEmpty() || line.contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
