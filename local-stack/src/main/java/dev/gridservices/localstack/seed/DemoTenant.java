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
 * A demo organization with an OAuth client (Direct API scopes) and a SERVER API key, created once per
 * data folder through the gateway with the platform-admin key, so that a first {@code curl} works.
 */
public record DemoTenant(String organizationId, String clientId, String clientSecret, String apiKey) {

    static final String FILE = "demo-credentials.properties";
    public static final List<String> CLIENT_SCOPES =
            List.of("read_programs", "read_events", "write_reports", "write_vens", "write_subscriptions");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The tenant saved in {@code dataDir}, or a new one created through {@code gatewayUrl}. */
    public static DemoTenant loadOrCreate(Path dataDir, String gatewayUrl, String adminApiKey) {
        Path file = dataDir.resolve(FILE);
        if (Files.exists(file)) {
            return load(file);
        }
        try {
            JsonNode organization = post(gatewayUrl + "/v1/organization", adminApiKey,
                    Map.of("name", "Demo Utility", "domain", "demo.example.com"));
            String organizationId = organization.get("id").asText();
            String base = gatewayUrl + "/v1/organizations/" + organizationId;
            JsonNode client = post(base + "/oauth-clients", adminApiKey,
                    Map.of("name", "demo-client", "scopes", CLIENT_SCOPES));
            JsonNode key = post(base + "/api-keys", adminApiKey, Map.of("name", "demo-server-key", "type", "SERVER"));
            DemoTenant tenant = new DemoTenant(organizationId, client.get("client").get("clientId").asText(),
                    client.get("clientSecret").asText(), key.get("key").asText());
            tenant.save(file);
            return tenant;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot seed the demo organization", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while seeding the demo organization", e);
        }
    }

    private static JsonNode post(String url, String adminApiKey, Object body) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Texture-Api-Key", adminApiKey)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new IOException("POST " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static DemoTenant load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DemoTenant(properties.getProperty("organization-id"), properties.getProperty("client-id"),
                properties.getProperty("client-secret"), properties.getProperty("api-key"));
    }

    private void save(Path file) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("organization-id", organizationId);
        properties.setProperty("client-id", clientId);
        properties.setProperty("client-secret", clientSecret);
        properties.setProperty("api-key", apiKey);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(writer, "Demo organization of the local stack (development only)");
        }
    }
}
