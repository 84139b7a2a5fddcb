package dev.gridservices.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator's provisioning against a stand-in that answers as device-service's /v2 endpoints do
 * (device-service/README.md, its rest/ and mapping/ classes): VEN objects carry their id in {@code id},
 * resources are looked up by {@code venID} + {@code resourceName}, and device management answers 429
 * with Retry-After beyond its per-organization rate.
 */
class ProvisioningTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** device-service's DeviceKind names (x-static:DEVICE_TYPE values it accepts at registration). */
    private static final Set<String> REGISTRATION_TYPES =
            Set.of("BATTERY", "THERMOSTAT", "EV_CHARGER", "SOLAR_INVERTER", "SMART_METER", "VEHICLE");

    private record Call(String method, String path, String body) {
    }

    private HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Set<String> existing = new HashSet<>();
    private final AtomicInteger sites = new AtomicInteger();
    private final AtomicInteger throttle = new AtomicInteger(1);
    private volatile boolean venExists;
    /** Enrollment requests answered 404 before the stand-in "knows" the resource, as enrollment-service does. */
    private final AtomicInteger unknownFor = new AtomicInteger(2);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getQuery();
        calls.add(new Call(exchange.getRequestMethod(), query == null ? path : path + "?" + query, body));
        String method = exchange.getRequestMethod();
        if (method.equals("POST") && path.equals("/v2/x-texture/sites") && throttle.getAndDecrement() > 0) {
            exchange.getResponseHeaders().add("Retry-After", "1");
            reply(exchange, 429, "{\"type\":\"https://docs.gridservices.dev/errors/rate-limited\",\"status\":429}");
        } else if (method.equals("POST") && path.equals("/v2/vens") && venExists) {
            reply(exchange, 409, "{\"type\":\"https://docs.gridservices.dev/errors/conflict\",\"status\":409}");
        } else if (method.equals("GET") && path.equals("/v2/vens")) {
            reply(exchange, 200, "[{\"id\":\"ven_old\",\"objectType\":\"VEN\",\"clientID\":\"ven_old\",\"venName\":\""
                    + params(query).get("venName") + "\"}]");
        } else if (method.equals("POST") && path.equals("/v2/vens")) {
            reply(exchange, 201, """
                    {"id":"ven_c0ffee","createdDateTime":"2026-12-01T09:00:00Z","modificationDateTime":"2026-12-01T09:00:00Z",\
                    "objectType":"VEN","clientID":"ven_c0ffee","venName":"SIM-ven","attributes":[],"targets":[]}""");
        } else if (method.equals("GET") && path.equals("/v2/resources")) {
            String name = params(query).get("resourceName");
            reply(exchange, 200, existing.contains(name) ? "[{\"id\":\"res_" + name + "\",\"resourceName\":\"" + name
                    + "\",\"venID\":\"ven_c0ffee\",\"attributes\":[{\"type\":\"x-static:DEVICE_TYPE\","
                    + "\"values\":[\"BATTERY\"]},{\"type\":\"x-static:SITE_ID\",\"values\":[\"site_" + name + "\"]}]}]"
                    : "[]");
        } else if (method.equals("POST") && path.equals("/v2/x-texture/enrollments")) {
            if (unknownFor.getAndDecrement() > 0) {
                reply(exchange, 404, "{\"type\":\"https://docs.gridservices.dev/errors/not-found\",\"status\":404}");
            } else if (body.contains("res_SIM-2")) {
                reply(exchange, 400, "{\"type\":\"https://docs.gridservices.dev/errors/validation\",\"status\":400,"
                        + "\"errors\":[{\"field\":\"siteID\",\"message\":\"no_match\"}]}");
            } else {
                reply(exchange, 201, "{\"id\":\"enr_1\",\"state\":\"active\"}");
            }
        } else if (method.equals("POST") && path.equals("/v2/x-texture/sites")) {
            reply(exchange, 201, "{\"id\":\"site_" + sites.incrementAndGet() + "\",\"name\":\"x\",\"programEligible\":true}");
        } else if (method.equals("POST") && path.equals("/v2/resources")) {
            reply(exchange, 201, "{\"id\":\"res_new\",\"objectType\":\"VEN_RESOURCE\",\"venID\":\"ven_c0ffee\"}");
        } else {
            reply(exchange, 404, "{\"status\":404}");
        }
    }

    private static Map<String, String> params(String query) {
        Map<String, String> values = new HashMap<>();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            String[] kv = pair.split("=", 2);
            values.put(kv[0], java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return values;
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private FleetSimulator simulator() {
        return new FleetSimulator(Options.parse("--base-url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "--token", "t", "--create-ven"));
    }

    private static List<Device> fleet(int size) {
        List<Device> fleet = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            fleet.add(new Device("SIM-" + i, Device.TYPES[i % Device.TYPES.length], i));
        }
        return fleet;
    }

    @Test
    void everyResourceIsEnrolledWithConsentAndAPropagationDelayIsWaitedOut() throws Exception {
        List<Device> fleet = fleet(4);
        fleet.forEach(d -> existing.add(d.resourceName));

        assertEquals(3, simulator().enroll("ven_c0ffee", fleet, "prog_demo"), "SIM-2 refused, the others enrolled");

        List<Call> enrollments = calls.stream().filter(c -> c.path().equals("/v2/x-texture/enrollments")).toList();
        assertEquals(6, enrollments.size(), "two 404s sent again");
        JsonNode request = JSON.readTree(enrollments.get(enrollments.size() - 1).body());
        assertEquals("res_SIM-3", request.get("resourceID").asText());
        assertEquals("site_SIM-3", request.get("siteID").asText());
        assertEquals("prog_demo", request.get("programID").asText());
        assertTrue(request.at("/consent/optIn").asBoolean());
        assertTrue(java.time.Instant.parse(request.at("/consent/timestamp").asText()).isBefore(java.time.Instant.now()));
        assertEquals("demand_response", request.at("/consent/scope/0").asText());
    }

    @Test
    void theVenIdIsTheIdOfTheVenObjectDeviceServiceAnswers() throws Exception {
        assertEquals("ven_c0ffee", simulator().createVen());
        JsonNode request = JSON.readTree(calls.get(0).body());
        assertEquals("VEN_VEN_REQUEST", request.get("objectType").asText());
        assertEquals("SIM-ven", request.get("venName").asText());
    }

    @Test
    void aSecondRunReusesTheVenOfItsName() throws Exception {
        venExists = true;
        assertEquals("ven_old", simulator().createVen());
        assertEquals("/v2/vens?venName=SIM-ven", calls.get(1).path());
    }

    @Test
    void everyDeviceGetsASiteAndAResourceThatDeviceServiceAccepts() throws Exception {
        simulator().provision("ven_c0ffee", fleet(6));

        List<Call> resources = calls.stream().filter(c -> c.method().equals("POST") && c.path().equals("/v2/resources")).toList();
        assertEquals(6, resources.size());
        assertEquals(7, calls.stream().filter(c -> c.path().equals("/v2/x-texture/sites")).count(), "one 429 sent again");
        Set<String> types = new HashSet<>();
        for (Call call : resources) {
            JsonNode body = JSON.readTree(call.body());
            assertEquals("VEN_RESOURCE_REQUEST", body.get("objectType").asText());
            assertEquals("ven_c0ffee", body.get("venID").asText());
            Map<String, JsonNode> attributes = new HashMap<>();
            body.get("attributes").forEach(a -> attributes.put(a.get("type").asText(), a.get("values").get(0)));
            String type = attributes.get("x-static:DEVICE_TYPE").asText();
            assertTrue(REGISTRATION_TYPES.contains(type), type);
            types.add(type);
            assertTrue(attributes.get("x-static:SITE_ID").asText().startsWith("site_"), call.body());
            // device-service's required numbers per type (DeviceKind), each positive.
            List<String> required = switch (type) {
                case "BATTERY" -> List.of("STORAGE_MAX_DISCHARGE_POWER", "STORAGE_USABLE_CAPACITY");
                case "EV_CHARGER", "SOLAR_INVERTER" -> List.of("x-static:NAMEPLATE_KW");
                default -> List.of();
            };
            for (String name : required) {
                assertTrue(attributes.get(name).isNumber() && attributes.get(name).asDouble() > 0, type + " " + name);
            }
        }
        assertEquals(REGISTRATION_TYPES, types);
        JsonNode site = JSON.readTree(calls.stream().filter(c -> c.path().equals("/v2/x-texture/sites")).findFirst()
                .orElseThrow().body());
        for (String field : List.of("street", "city", "state", "zip")) {
            assertTrue(site.path("address").hasNonNull(field), field);
        }
    }

    @Test
    void aResourceTheVenHasAlreadyIsNotProvisionedAgain() throws Exception {
        existing.add("SIM-1");
        throttle.set(0);
        simulator().provision("ven_c0ffee", fleet(3));
        assertTrue(calls.stream().anyMatch(c -> c.path().equals("/v2/resources?venID=ven_c0ffee&resourceName=SIM-1")));
        List<String> created = calls.stream().filter(c -> c.method().equals("POST") && c.path().equals("/v2/resources"))
                .map(c -> c.body().replaceAll(".*\"resourceName\":\"([^\"]+)\".*", "$1")).toList();
        assertEquals(List.of("SIM-0", "SIM-2"), created);
        assertEquals(2, sites.get());
    }
}
