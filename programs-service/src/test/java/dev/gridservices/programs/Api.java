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

    private Api() {
    }

    static String newOrg() {
        return "org-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String newSlug(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A core API caller of {@code org}: a SERVER API key (one per organization, reused). */
    static RequestSpecification server(String org) {
        String key = SERVER_KEYS.computeIfAbsent(org, TestCredentials::serverApiKey);
        return given().header("Texture-Api-Key", key).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** An OpenADR caller of {@code org} with a bearer token holding {@code scopes}. */
    static RequestSpecification bearer(String org, String... scopes) {
        return given().auth().oauth2(TestCredentials.bearer(org, scopes)).contentType(ContentType.JSON)
                .accept(ContentType.JSON);
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

    /** Creates a program as {@code org} and returns its id. */
    static String createProgram(String org, Map<String, Object> body) {
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
