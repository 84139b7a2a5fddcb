package dev.gridservices.programs;

import static io.restassured.RestAssured.given;

import dev.gridservices.testkit.auth.TestCredentials;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Shared test vocabulary: fresh organizations and slugs (the database outlives a test), and callers. */
final class Api {

    private static final Map<String, String> SERVER_KEYS = new ConcurrentHashMap<>();
    private static final Map<String, String> OEM_SERVER_KEYS = new ConcurrentHashMap<>();
    private static final Map<String, String> WORKSPACE_KEYS = new ConcurrentHashMap<>();
    private static volatile String adminKey;

    private Api() {
    }

    static String newOrg() {
        return "org-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String newSlug(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A core API caller of the utility {@code org}: a SERVER API key (one per organization, reused). */
    static RequestSpecification server(String org) {
        return key(SERVER_KEYS.computeIfAbsent(org, TestCredentials::serverApiKey));
    }

    /** A core API caller of the OEM organization {@code org}: its SERVER API key. */
    static RequestSpecification oemServer(String org) {
        return key(OEM_SERVER_KEYS.computeIfAbsent(org, o -> TestCredentials.serverApiKey(o, TestCredentials.OEM)));
    }

    /** A SERVER key of the utility {@code org} bound to its workspace {@code workspace}. */
    static RequestSpecification workspaceServer(String org, String workspace) {
        return key(WORKSPACE_KEYS.computeIfAbsent(org + "/" + workspace,
                k -> TestCredentials.workspaceServerApiKey(org, workspace, TestCredentials.UTILITY)));
    }

    /** The platform admin (no tenant): publishes public programs. */
    static RequestSpecification admin() {
        if (adminKey == null) {
            adminKey = TestCredentials.platformAdminKey();
        }
        return key(adminKey);
    }

    static RequestSpecification key(String key) {
        return given().header("Texture-Api-Key", key).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** An OpenADR caller of the utility {@code org} with a bearer token holding {@code scopes}. */
    static RequestSpecification bearer(String org, String... scopes) {
        return token(TestCredentials.bearer(org, scopes));
    }

    /** An OpenADR caller of the OEM organization {@code org}, bound to no VEN. */
    static RequestSpecification oemBearer(String org, String... scopes) {
        return token(TestCredentials.oemBearer(org, scopes));
    }

    /** A VEN {@code ven} of the OEM organization {@code org}. */
    static RequestSpecification ven(String org, String ven, String... scopes) {
        return token(TestCredentials.bearerForVen(org, ven, scopes));
    }

    static RequestSpecification token(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** A v1 program body with the given visibility and states. */
    static Map<String, Object> program(String slug, String visibility, String... states) {
        Map<String, Object> body = new HashMap<>();
        body.put("slug", slug);
        body.put("name", "Program " + slug);
        body.put("description", "Battery program " + slug);
        body.put("states", List.of(states));
        body.put("active", true);
        body.put("visibility", visibility);
        body.put("year", 2026);
        body.put("programType", "demand_response");
        return body;
    }

    /**
     * Creates a program owned by {@code org} and returns its id: a private one with the utility's key, a
     * public one through the platform admin (who alone publishes), for {@code org}.
     */
    static String createProgram(String org, Map<String, Object> body) {
        if ("public".equals(body.get("visibility"))) {
            Map<String, Object> forOrg = new HashMap<>(body);
            forOrg.put("organizationId", org);
            return admin().body(forOrg).post("/v1/programs").then().statusCode(201).extract().path("id");
        }
        return server(org).body(body).post("/v1/programs").then().statusCode(201).extract().path("id");
    }

    /** Creates an instance of {@code programSlug} as {@code org} and returns its id. */
    static String createInstance(String org, String programSlug, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.putIfAbsent("title", "Instance of " + programSlug);
        return server(org).body(body).post("/v1/programs/" + programSlug + "/instances")
                .then().statusCode(201).extract().path("id");
    }
}
