package dev.gridservices.localstack.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenApiMergerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TABLE = """
            services: {auth-service: {port: 1}, programs-service: {port: 2}, dispatch-service: {port: 3}}
            routes:
              - {path: /v2/auth, service: auth-service}
              - {path: /v1/programs, service: programs-service}
              - {path: /v1/programs/reports, service: dispatch-service}
            """;

    private final OpenApiMerger merger = new OpenApiMerger(table());

    private static RouteTable table() {
        try {
            return RouteTable.parse(new ByteArrayInputStream(TABLE.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private JsonNode merge(Map<String, JsonNode> documents) {
        return merger.merge(documents, List.of(), "http://localhost:8080");
    }

    @Test
    void keepsOnlyThePathsTheRouteTableSendsToTheirServiceAndOneServer() {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        documents.put("programs-service", json("""
                {'openapi':'3.1.0','info':{'version':'1'},'paths':{
                  '/v1/programs':{'get':{'operationId':'list'}},
                  '/v1/programs/{id}':{'get':{'operationId':'get'}},
                  '/v1/programs/reports':{'get':{'operationId':'shadowed'}},
                  '/internal/programs':{'get':{}},
                  '/q/health':{'get':{}},
                  '/v1/elsewhere':{'get':{}}}}"""));
        documents.put("dispatch-service", json("""
                {'openapi':'3.1.0','info':{'version':'1'},'servers':[{'url':'http://localhost:8086'}],'paths':{
                  '/v1/programs/reports':{'get':{'operationId':'reports'}}}}"""));

        JsonNode merged = merge(documents);

        assertThat(merged.path("paths").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("/v1/programs", "/v1/programs/{id}", "/v1/programs/reports");
        assertThat(merged.at("/paths/~1v1~1programs~1reports/get/operationId").asText()).isEqualTo("reports");
        assertThat(merged.path("servers")).hasSize(1);
        assertThat(merged.at("/servers/0/url").asText()).isEqualTo("http://localhost:8080");
        assertThat(merged.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(merged.at("/info/version").asText()).isEqualTo("1");
    }

    @Test
    void identicalComponentsAreSharedAndDifferingOnesRenamedWithEveryReference() {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        documents.put("auth-service", json("""
                {'paths':{'/v2/auth/token':{'post':{'responses':{'400':{'content':{'application/json':
                   {'schema':{'$ref':'#/components/schemas/Problem'}}}}}}}},
                 'components':{'schemas':{
                   'Problem':{'type':'object','properties':{'title':{'type':'string'}}},
                   'Shared':{'type':'string'}}}}"""));
        documents.put("programs-service", json("""
                {'paths':{'/v1/programs':{'get':{'responses':{'200':{'content':{'application/json':
                   {'schema':{'$ref':'#/components/schemas/Page'}}}}}}}},
                 'components':{'schemas':{
                   'Problem':{'type':'object','properties':{'detail':{'type':'string'}}},
                   'Page':{'type':'object','properties':{'error':{'$ref':'#/components/schemas/Problem'}},
                           'discriminator':{'propertyName':'k','mapping':{'p':'#/components/schemas/Problem'}}},
                   'Shared':{'type':'string'}}}}"""));

        JsonNode merged = merge(documents);

        JsonNode schemas = merged.at("/components/schemas");
        assertThat(schemas.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("Problem", "Shared", "Programs_Problem", "Page");
        assertThat(schemas.at("/Problem/properties").has("title")).isTrue();
        assertThat(schemas.at("/Programs_Problem/properties").has("detail")).isTrue();
        assertThat(schemas.at("/Page/properties/error/$ref").asText()).isEqualTo("#/components/schemas/Programs_Problem");
        assertThat(schemas.at("/Page/discriminator/mapping/p").asText()).isEqualTo("#/components/schemas/Programs_Problem");
        assertThat(merged.at("/paths/~1v2~1auth~1token/post/responses/400/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Problem");
    }

    @Test
    void aComponentThatReferencesARenamedOneIsRenamedToo() {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        documents.put("auth-service", json("""
                {'components':{'schemas':{'Problem':{'type':'string'},
                   'Wrapper':{'$ref':'#/components/schemas/Problem'}}}}"""));
        documents.put("programs-service", json("""
                {'components':{'schemas':{'Problem':{'type':'integer'},
                   'Wrapper':{'$ref':'#/components/schemas/Problem'}}}}"""));

        JsonNode schemas = merge(documents).at("/components/schemas");

        assertThat(schemas.at("/Programs_Wrapper/$ref").asText()).isEqualTo("#/components/schemas/Programs_Problem");
        assertThat(schemas.at("/Wrapper/$ref").asText()).isEqualTo("#/components/schemas/Problem");
    }

    @Test
    void topLevelSecurityMovesIntoTheOperationsWithRenamedSchemes() {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        documents.put("auth-service", json("""
                {'security':[{'bearer':[]}],
                 'paths':{'/v2/auth/token':{'post':{'security':[]}}, '/v2/auth/x':{'get':{}}},
                 'components':{'securitySchemes':{'bearer':{'type':'http','scheme':'bearer'}}}}"""));
        documents.put("programs-service", json("""
                {'security':[{'bearer':[]}],
                 'paths':{'/v1/programs':{'get':{}, 'post':{'security':[{'bearer':['write_programs']}]}}},
                 'components':{'securitySchemes':{'bearer':{'type':'apiKey','in':'header','name':'Texture-Api-Key'}}}}"""));

        JsonNode merged = merge(documents);

        assertThat(merged.has("security")).isFalse();
        assertThat(merged.at("/components/securitySchemes").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("bearer", "Programs_bearer");
        assertThat(merged.at("/paths/~1v2~1auth~1token/post/security")).isEmpty();
        assertThat(merged.at("/paths/~1v2~1auth~1x/get/security/0").has("bearer")).isTrue();
        assertThat(merged.at("/paths/~1v1~1programs/get/security/0").has("Programs_bearer")).isTrue();
        assertThat(merged.at("/paths/~1v1~1programs/post/security/0/Programs_bearer/0").asText()).isEqualTo("write_programs");
    }

    @Test
    void duplicateOperationIdsAndTagsAreMadeUnique() {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        documents.put("auth-service", json("""
                {'tags':[{'name':'Things','description':'first'}],'paths':{'/v2/auth/a':{'get':{'operationId':'list'}}}}"""));
        documents.put("programs-service", json("""
                {'tags':[{'name':'Things','description':'second'},{'name':'Programs'}],
                 'paths':{'/v1/programs':{'get':{'operationId':'list'}}}}"""));

        JsonNode merged = merger.merge(documents, List.of("dispatch-service"), "http://localhost:1");

        assertThat(merged.at("/paths/~1v2~1auth~1a/get/operationId").asText()).isEqualTo("list");
        assertThat(merged.at("/paths/~1v1~1programs/get/operationId").asText()).isEqualTo("Programs_list");
        assertThat(merged.path("tags").findValuesAsText("name")).containsExactly("Things", "Programs");
        assertThat(merged.at("/tags/0/description").asText()).isEqualTo("first");
        assertThat(merged.at("/info/x-unavailable-services/0").asText()).isEqualTo("dispatch-service");
    }

    @Test
    void servicePrefixes() {
        assertThat(OpenApiMerger.prefix("telemetry-ingest-service")).isEqualTo("TelemetryIngest");
        assertThat(OpenApiMerger.prefix("auth-service")).isEqualTo("Auth");
    }
}
