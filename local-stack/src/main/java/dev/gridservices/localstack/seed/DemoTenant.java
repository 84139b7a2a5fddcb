package dev.gridservices.localstack.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The demo data of the local stack ("Utility and OEM end to end"): a utility organization (SERVER key and
 * a BL OAuth client), an OEM organization (SERVER key, a VEN in device-service, an OAuth client bound to
 * that VEN, a MANUFACTURER key) and a program of the utility with an active instance, offered to the OEM.
 * Created through the gateway with the platform-admin key and the organizations' own keys. Each step's
 * result is saved as soon as it exists, so a restart (or a start that failed half-way) resumes where it
 * stopped instead of creating duplicates.
 */
public record DemoTenant(Utility utility, Oem oem, Program program) {

    static final String FILE = "demo-credentials.properties";
    public static final List<String> UTILITY_CLIENT_SCOPES = List.of("read_all", "write_programs", "write_events");
    public static final List<String> OEM_CLIENT_SCOPES = List.of("read_programs", "read_events", "read_targets",
            "read_ven_objects", "write_reports", "write_vens", "write_subscriptions");
    public static final String PROGRAM_SLUG = "demo-battery-rewards";

    /** The utility organization: its SERVER key and its BL (business logic) OAuth client. */
    public record Utility(String organizationId, String serverKey, String clientId, String clientSecret) {
    }

    /** The OEM organization: its SERVER key, its VEN, the OAuth client bound to that VEN, a MANUFACTURER key. */
    public record Oem(String organizationId, String serverKey, String venId, String clientId, String clientSecret,
                      String manufacturerKey) {
    }

    /** The utility's program (offered to the OEM) and its active instance. */
    public record Program(String slug, String id, String instanceId) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The demo data saved in {@code dataDir}, completed (or created) through {@code gatewayUrl}. */
    public static DemoTenant loadOrCreate(Path dataDir, String gatewayUrl, String adminApiKey) {
        Path file = dataDir.resolve(FILE);
        try {
            return new Seeder(file, load(file), gatewayUrl, adminApiKey).run();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot seed the demo organizations", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while seeding the demo organizations", e);
        }
    }

    private static final class Seeder {
        private final Path file;
        private final Properties saved;
        private final String gateway;
        private final String adminKey;

        Seeder(Path file, Properties saved, String gateway, String adminKey) {
            this.file = file;
            this.saved = saved;
            this.gateway = gateway;
            this.adminKey = adminKey;
        }

        DemoTenant run() throws IOException, InterruptedException {
            String utilityId = step("utility.organization-id", () -> post("/v1/organization", adminKey,
                    Map.of("name", "Demo Utility", "domain", "demo-utility.example.com", "kind", "utility"))
                    .get("id").asText());
            String utilityKey = step("utility.server-key", () -> serverKey(utilityId));
            oauthClient("utility.client", utilityId, utilityKey,
                    Map.of("name", "demo-utility-bl", "scopes", UTILITY_CLIENT_SCOPES));

            String oemId = step("oem.organization-id", () -> post("/v1/organization", adminKey,
                    Map.of("name", "Demo OEM", "domain", "demo-oem.example.com", "kind", "oem")).get("id").asText());
            String oemKey = step("oem.server-key", () -> serverKey(oemId));
            String venId = step("oem.ven-id", () -> post("/v2/vens", oemKey,
                    Map.of("objectType", "VEN_VEN_REQUEST", "venName", "demo-ven")).get("id").asText());
            // auth-service binds a client to a VEN only once device-service says the VEN is this organization's
            oauthClient("oem.client", oemId, oemKey,
                    Map.of("name", "demo-oem-ven", "scopes", OEM_CLIENT_SCOPES, "venId", venId));
            step("oem.manufacturer-key", () -> post("/v1/organizations/" + oemId + "/api-keys", oemKey,
                    Map.of("name", "demo-manufacturer-key", "type", "MANUFACTURER")).get("key").asText());

            String programId = step("program.id", () -> post("/v1/programs", utilityKey, Map.of(
                    "slug", PROGRAM_SLUG, "name", "Demo Battery Rewards", "states", List.of("CO"),
                    "programType", "demand_response")).get("id").asText());
            String instanceId = step("program.instance-id", () -> post("/v1/programs/" + PROGRAM_SLUG + "/instances",
                    utilityKey, Map.of("name", "Demo Battery Rewards 2026")).get("id").asText());
            step("program.offered-to", () -> {
                post("/v1/programs/" + PROGRAM_SLUG + "/offers", utilityKey, Map.of("organizationIds", List.of(oemId)));
                return oemId;
            });
            return new DemoTenant(
                    new Utility(utilityId, utilityKey, saved.getProperty("utility.client.id"),
                            saved.getProperty("utility.client.secret")),
                    new Oem(oemId, oemKey, venId, saved.getProperty("oem.client.id"),
                            saved.getProperty("oem.client.secret"), saved.getProperty("oem.manufacturer-key")),
                    new Program(PROGRAM_SLUG, programId, instanceId));
        }

        /** Only the platform admin creates SERVER keys. */
        private String serverKey(String organizationId) throws IOException, InterruptedException {
            return post("/v1/organizations/" + organizationId + "/api-keys", adminKey,
                    Map.of("name", "demo-server-key", "type", "SERVER")).get("key").asText();
        }

        private void oauthClient(String name, String organizationId, String serverKey, Map<String, Object> body)
                throws IOException, InterruptedException {
            if (saved.containsKey(name + ".id")) {
                return;
            }
            JsonNode created = post("/v1/organizations/" + organizationId + "/oauth-clients", serverKey, body);
            saved.setProperty(name + ".id", created.get("client").get("clientId").asText());
            saved.setProperty(name + ".secret", created.get("clientSecret").asText());
            save();
        }

        private String step(String key, Step step) throws IOException, InterruptedException {
            String value = saved.getProperty(key);
            if (value == null) {
                value = step.run();
                saved.setProperty(key, value);
                save();
            }
            return value;
        }

        private JsonNode post(String path, String apiKey, Object body) throws IOException, InterruptedException {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .header("Texture-Api-Key", apiKey)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201 && response.statusCode() != 200) {
                throw new IOException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        }

        private void save() throws IOException {
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                saved.store(writer, "Demo organizations of the local stack (development only)");
            }
        }
    }

    @FunctionalInterface
    private interface Step {
        String run() throws IOException, InterruptedException;
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        if (!Files.exists(file)) {
            return properties;
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // a file of the older one-organization seed: its organization has no kind; start the new seed afresh
        if (properties.containsKey("organization-id")) {
            properties.clear();
        }
        return properties;
    }
}
