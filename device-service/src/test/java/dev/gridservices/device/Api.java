package dev.gridservices.device;

import static io.restassured.RestAssured.given;

import dev.gridservices.testkit.auth.TestCredentials;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Shared test vocabulary: fresh organizations (the database outlives a test), callers, and bodies. */
final class Api {

    static final String[] OEM_SCOPES = {"read_ven_objects", "write_vens", "write_reports"};
    private static final Map<String, String> SERVER_KEYS = new ConcurrentHashMap<>();

    private Api() {
    }

    static String newOrg() {
        return "org-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An OEM organization's SERVER key (one per organization, reused). */
    static RequestSpecification oemServer(String org) {
        String key = SERVER_KEYS.computeIfAbsent(org + "/oem", k -> TestCredentials.serverApiKey(org, TestCredentials.OEM));
        return json(given().header("Texture-Api-Key", key));
    }

    /** A utility organization's SERVER key. */
    static RequestSpecification utilityServer(String org) {
        String key = SERVER_KEYS.computeIfAbsent(org + "/utility",
                k -> TestCredentials.serverApiKey(org, TestCredentials.UTILITY));
        return json(given().header("Texture-Api-Key", key));
    }

    /** An OEM client bound to no VEN. */
    static RequestSpecification oem(String org, String... scopes) {
        return json(given().auth().oauth2(TestCredentials.oemBearer(org, scopes.length == 0 ? OEM_SCOPES : scopes)));
    }

    /** An OEM client bound to {@code venId}. */
    static RequestSpecification ven(String org, String venId, String... scopes) {
        return json(given().auth().oauth2(TestCredentials.bearerForVen(org, venId,
                scopes.length == 0 ? OEM_SCOPES : scopes)));
    }

    static RequestSpecification json(RequestSpecification spec) {
        return spec.contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** Creates a VEN of {@code org} with its SERVER key; returns its id. */
    static String createVen(String org) {
        return oemServer(org).body(Map.of("objectType", "VEN_VEN_REQUEST", "venName", unique("ven")))
                .post("/v2/vens").then().statusCode(201).extract().path("id");
    }

    static Map<String, Object> siteBody(String street, String city, String state, String zip) {
        Map<String, Object> address = new HashMap<>();
        address.put("street", street);
        address.put("city", city);
        address.put("state", state);
        address.put("zip", zip);
        return new HashMap<>(Map.of("name", "Site " + zip, "address", address));
    }

    /** Creates a Denver site with {@code spec}; returns its id. */
    static String createSite(RequestSpecification spec) {
        return spec.body(siteBody("1600 Glenarm Pl", "Denver", "CO", "80202")).post("/v2/x-texture/sites")
                .then().statusCode(201).extract().path("id");
    }

    static Map<String, Object> attribute(String type, Object... values) {
        return Map.of("type", type, "values", List.of(values));
    }

    /** A valid battery resource request. */
    static Map<String, Object> battery(String venId, String resourceName, String siteId) {
        List<Map<String, Object>> attributes = new ArrayList<>(List.of(
                attribute("x-static:DEVICE_TYPE", "BATTERY"),
                attribute("x-static:MANUFACTURER_DEVICE_ID", resourceName),
                attribute("x-static:MANUFACTURER", "Acme Power"),
                attribute("x-static:DEVICE_MODEL", "acme_powervault_10kwh"),
                attribute("x-static:SITE_ID", siteId),
                attribute("x-static:SERIAL_NUMBER", "SN-" + resourceName),
                attribute("STORAGE_MAX_DISCHARGE_POWER", 10),
                attribute("STORAGE_USABLE_CAPACITY", 10000)));
        return resource(venId, resourceName, attributes);
    }

    static Map<String, Object> resource(String venId, String resourceName, List<Map<String, Object>> attributes) {
        Map<String, Object> body = new HashMap<>();
        body.put("objectType", "VEN_RESOURCE_REQUEST");
        body.put("resourceName", resourceName);
        body.put("venID", venId);
        body.put("attributes", attributes);
        return body;
    }

    /** Registers a battery for a fresh VEN + site of {@code org}; returns {venId, siteId, resourceId}. */
    static String[] registerBattery(String org) {
        String venId = createVen(org);
        String siteId = createSite(oemServer(org));
        String id = oemServer(org).body(battery(venId, unique("BAT"), siteId)).post("/v2/resources")
                .then().statusCode(201).extract().path("id");
        return new String[]{venId, siteId, id};
    }
}
