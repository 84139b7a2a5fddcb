package dev.gridservices.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridservices.localstack.LocalStack;
import dev.gridservices.localstack.gateway.RouteTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The gateway's one API document ({@code /openapi.json}, merged from the running services' {@code /q/openapi})
 * covers every route of deploy/routes.yaml and nothing the edge does not route; Swagger UI ({@code /docs}) shows it.
 */
@Order(1)
class ApiDocumentIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalStack stack;
    private static RouteTable routes;
    private static JsonNode document;

    @BeforeAll
    static void fetchDocument() throws IOException {
        stack = SuiteStack.get();
        routes = RouteTable.fromFile(SuiteStack.config().repoRoot().resolve("deploy/routes.yaml"));
        String body = Edge.gateway(stack).get("/openapi.json")
                .then().statusCode(200).contentType("application/json").extract().asString();
        document = JSON.readTree(body);
    }

    private static List<String> paths() {
        List<String> paths = new ArrayList<>();
        document.path("paths").fieldNames().forEachRemaining(paths::add);
        return paths;
    }

    @Test
    void everyServiceContributedAndTheOneServerIsTheGateway() {
        assertThat(document.at("/info/x-unavailable-services").isMissingNode())
                .as("services whose /q/openapi did not answer: %s", document.at("/info/x-unavailable-services")).isTrue();
        assertThat(document.path("servers")).hasSize(1);
        assertThat(document.at("/servers/0/url").asText()).isEqualTo(stack.gatewayUrl());
        assertThat(document.path("openapi").asText()).startsWith("3.");
    }

    @Test
    void everyRouteHasADocumentedPathAndEveryDocumentedPathIsRoutedThere() throws IOException {
        Set<String> planned = plannedRoutes();
        Map<String, List<String>> pathsByRoute = new TreeMap<>();
        for (String path : paths()) {
            assertThat(path).as("never routed").doesNotStartWith("/internal").doesNotStartWith("/q/");
            RouteTable.Route route = routes.match(path)
                    .orElseThrow(() -> new AssertionError(path + " is in the document but the edge does not route it"));
            pathsByRoute.computeIfAbsent(route.path(), key -> new ArrayList<>()).add(path);
        }
        Set<String> undocumented = new TreeSet<>();
        for (RouteTable.Route route : routes.routes()) {
            if (!pathsByRoute.containsKey(route.path()) && !planned.contains(route.path())) {
                undocumented.add(route.path() + " (" + route.service() + ")");
            }
        }
        assertThat(undocumented).as("routes of deploy/routes.yaml with no path in the merged API document").isEmpty();

        Set<String> tableRoutes = new TreeSet<>();
        routes.routes().forEach(route -> tableRoutes.add(route.path()));
        for (String route : planned) {
            assertThat(tableRoutes).as("routes-without-endpoints.txt names a route the table has").contains(route);
            assertThat(pathsByRoute).as("%s has endpoints now: delete it from routes-without-endpoints.txt", route)
                    .doesNotContainKey(route);
        }
    }

    @Test
    void everyReferenceResolvesInTheMergedComponents() {
        Set<String> refs = new LinkedHashSet<>();
        collectRefs(document, refs);
        assertThat(refs).as("the document references components").isNotEmpty();
        for (String ref : refs) {
            assertThat(ref).startsWith("#/components/");
            assertThat(document.at(ref.substring(1)).isMissingNode()).as("%s resolves", ref).isFalse();
            assertThat(document.at(ref.substring(1)).isNull()).as("%s is not a placeholder", ref).isFalse();
        }
        Set<String> schemes = new TreeSet<>();
        document.at("/components/securitySchemes").fieldNames().forEachRemaining(schemes::add);
        for (JsonNode pathItem : document.path("paths")) {
            for (JsonNode operation : pathItem) {
                for (JsonNode requirement : operation.path("security")) {
                    requirement.fieldNames().forEachRemaining(name ->
                            assertThat(schemes).as("security scheme of an operation").contains(name));
                }
            }
        }
        Set<String> operationIds = new TreeSet<>();
        for (JsonNode pathItem : document.path("paths")) {
            for (JsonNode operation : pathItem) {
                if (operation.hasNonNull("operationId")) {
                    assertThat(operationIds.add(operation.get("operationId").asText()))
                            .as("operationId %s is unique", operation.get("operationId").asText()).isTrue();
                }
            }
        }
    }

    @Test
    void swaggerUiShowsTheDocument() {
        Edge.gateway(stack).redirects().follow(false).get("/docs")
                .then().statusCode(301).header("Location", "/docs/");
        Edge.gateway(stack).get("/docs/")
                .then().statusCode(200).contentType(startsWith("text/html"))
                .body(containsString("url: \"/openapi.json\""));
        Edge.gateway(stack).get("/docs/swagger-ui-bundle.js")
                .then().statusCode(200).contentType(startsWith("text/javascript"))
                .body(containsString("SwaggerUIBundle"));
    }

    private static void collectRefs(JsonNode node, Set<String> refs) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().equals("$ref") && field.getValue().isTextual()) {
                    refs.add(field.getValue().asText());
                } else {
                    collectRefs(field.getValue(), refs);
                }
            }
        } else if (node.isArray()) {
            node.forEach(element -> collectRefs(element, refs));
        }
    }

    private static Set<String> plannedRoutes() throws IOException {
        try (InputStream in = ApiDocumentIT.class.getClassLoader().getResourceAsStream("routes-without-endpoints.txt")) {
            Set<String> planned = new TreeSet<>();
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(planned::add);
            return planned;
        }
    }
}
