package dev.gridservices.e2e;

import static io.restassured.RestAssured.given;

import dev.gridservices.localstack.LocalStack;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Calls through the gateway with the credentials a client of the platform holds. */
final class Edge {

    static final List<String> OEM_SCOPES = List.of("read_programs", "read_events", "read_targets",
            "read_ven_objects", "write_reports", "write_vens", "write_subscriptions");

    /** An organization made by the platform admin, with the SERVER key the admin gave it. */
    record Organization(String id, String serverKey) {
    }

    /** A VEN of an OEM organization and the OAuth client bound to it. */
    record Ven(String id, String clientId, String clientSecret) {
    }

    private Edge() {
    }

    static RequestSpecification gateway(LocalStack stack) {
        return given().baseUri(stack.gatewayUrl());
    }

    static RequestSpecification withKey(LocalStack stack, String apiKey) {
        return gateway(stack).header("Texture-Api-Key", apiKey).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    static RequestSpecification withToken(LocalStack stack, String token) {
        return gateway(stack).auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A new organization of {@code kind} (utility or oem) and its SERVER key. */
    static Organization organization(LocalStack stack, String kind) {
        String name = unique("e2e-" + kind);
        String id = withKey(stack, stack.adminApiKey())
                .body(Map.of("name", name, "domain", name + ".example.com", "kind", kind))
                .post("/v1/organization")
                .then().statusCode(201).extract().path("id");
        String key = withKey(stack, stack.adminApiKey())
                .body(Map.of("name", "server", "type", "SERVER"))
                .post("/v1/organizations/" + id + "/api-keys")
                .then().statusCode(201).extract().path("key");
        return new Organization(id, key);
    }

    /** A VEN created in device-service with the OEM's SERVER key, then an OAuth client bound to it. */
    static Ven ven(LocalStack stack, String organizationId, String serverKey, List<String> scopes) {
        String venId = withKey(stack, serverKey)
                .body(Map.of("objectType", "VEN_VEN_REQUEST", "venName", unique("ven")))
                .post("/v2/vens")
                .then().statusCode(201).extract().path("id");
        ExtractableResponse<Response> created = withKey(stack, serverKey)
                .body(Map.of("name", "client-" + venId, "scopes", scopes, "venId", venId))
                .post("/v1/organizations/" + organizationId + "/oauth-clients")
                .then().statusCode(201).extract();
        return new Ven(venId, created.path("client.clientId"), created.path("clientSecret"));
    }

    static String token(LocalStack stack, String clientId, String clientSecret) {
        return gateway(stack)
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId)
                .formParam("client_secret", clientSecret)
                .post("/v2/auth/token")
                .then().statusCode(200).extract().path("access_token");
    }

    static String token(LocalStack stack, Ven ven) {
        return token(stack, ven.clientId(), ven.clientSecret());
    }

    /** A VEN_RESOURCE_REQUEST for a battery at {@code siteId}: {@code kw} discharge power, {@code wh} usable. */
    static Map<String, Object> battery(String venId, String resourceName, String siteId, int kw, int wh) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("objectType", "VEN_RESOURCE_REQUEST");
        body.put("resourceName", resourceName);
        body.put("venID", venId);
        body.put("attributes", List.of(
                attribute("x-static:DEVICE_TYPE", "BATTERY"),
                attribute("x-static:SITE_ID", siteId),
                attribute("x-static:MANUFACTURER", "Acme Power"),
                attribute("x-static:MANUFACTURER_DEVICE_ID", resourceName),
                attribute("x-static:DEVICE_MODEL", "acme_powervault_10kwh"),
                attribute("STORAGE_MAX_DISCHARGE_POWER", kw),
                attribute("STORAGE_USABLE_CAPACITY", wh)));
        return body;
    }

    /** The 10 kW / 10 kWh battery most scenarios register. */
    static Map<String, Object> battery(String venId, String resourceName, String siteId) {
        return battery(venId, resourceName, siteId, 10, 10000);
    }

    private static Map<String, Object> attribute(String type, Object value) {
        return Map.of("type", type, "values", List.of(value));
    }
}
