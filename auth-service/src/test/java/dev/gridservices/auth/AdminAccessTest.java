package dev.gridservices.auth;

import static dev.gridservices.auth.AuthFixtures.HEADER;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gridservices.security.RequiresCredential;
import dev.gridservices.testkit.auth.TestCredentials;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Default deny: every /v1 endpoint of auth-service declares with the security kit's
 * {@code @RequiresCredential} who may call it (on the method or its class), and no bearer token, however
 * scoped, administers anything. Only the token endpoint, discovery, the JWKS and /q/* are public.
 */
@QuarkusTest
@QuarkusTestResource(AuthTestResource.class)
class AdminAccessTest {

    private static final List<String> PUBLIC_PATHS = List.of("/v2/auth/token", "/.well-known");

    @Test
    void everyEndpointOutsideThePublicOnesDeclaresItsCallers() throws Exception {
        List<String> undeclared = new ArrayList<>();
        int checked = 0;
        for (Class<?> resource : resourceClasses()) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                if (!isEndpoint(method)) {
                    continue;
                }
                checked++;
                boolean internal = base.startsWith("/internal/");
                boolean declared = method.isAnnotationPresent(RequiresCredential.class)
                        || resource.isAnnotationPresent(RequiresCredential.class);
                if (!internal && !declared && PUBLIC_PATHS.stream().noneMatch(base::startsWith)) {
                    undeclared.add(resource.getSimpleName() + "." + method.getName());
                }
            }
        }
        assertThat(checked).as("endpoints found").isGreaterThan(20);
        assertThat(undeclared).isEmpty();
    }

    @Test
    void aBearerTokenAdministersNothing() {
        String org = AuthFixtures.organization();
        String token = TestCredentials.bearer(org, "read_all", "write_programs", "write_events");
        given().auth().oauth2(token).get("/v1/organization").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(token).get("/v1/organizations/{org}/oauth-clients", org).then().statusCode(403);
        given().auth().oauth2(token).get("/v1/signing-keys").then().statusCode(403);
    }

    @Test
    void anonymousCallersGet401OnEveryAdminPath() {
        String org = UUID.randomUUID().toString();
        for (String path : List.of("/v1/organization", "/v1/organizations/" + org + "/workspaces",
                "/v1/organizations/" + org + "/oauth-clients", "/v1/organizations/" + org + "/api-keys",
                "/v1/signing-keys")) {
            given().get(path).then().statusCode(401).contentType("application/problem+json");
        }
        given().header(HEADER, "sk_forged").get("/v1/signing-keys").then().statusCode(401);
    }

    private static boolean isEndpoint(Method method) {
        return Stream.of(GET.class, POST.class, PUT.class, DELETE.class).anyMatch(method::isAnnotationPresent);
    }

    private static List<Class<?>> resourceClasses() throws IOException, ClassNotFoundException {
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.list(Paths.get("target/classes/dev/gridservices/auth/rest"))) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = file.getFileName().toString();
                if (!name.contains("$")) {
                    Class<?> type = Class.forName("dev.gridservices.auth.rest." + name.replace(".class", ""));
                    if (type.isAnnotationPresent(Path.class)) {
                        classes.add(type);
                    }
                }
            }
        }
        return classes;
    }
}
