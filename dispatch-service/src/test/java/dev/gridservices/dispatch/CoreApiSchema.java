package dev.gridservices.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * Validates /v1 responses against the core API's OpenAPI document (a verbatim test copy in
 * src/test/resources/core-api/, the product's published core API v1 spec). The validator refuses
 * properties a schema does not declare; dispatch's one documented extension, a program event's
 * {@code cancelledAt}, is removed (wherever it occurs) before validating, so everything else stays strict.
 */
final class CoreApiSchema {

    private static final OpenApiInteractionValidator VALIDATOR = load();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String EXTENSION = "cancelledAt";

    private CoreApiSchema() {
    }

    private static OpenApiInteractionValidator load() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readLocation(
                CoreApiSchema.class.getResource("/core-api/core-api-v1.openapi.json").toString(), null, options);
        assertThat(result.getOpenAPI()).as("core API document parsed: %s", result.getMessages()).isNotNull();
        return OpenApiInteractionValidator.createFor(result.getOpenAPI()).withBasePathOverride("/v1").build();
    }

    /** Fails the test with the validator's messages unless the response matches the schema. */
    static void assertValid(String path, Request.Method method, int status, String body) {
        String withoutExtensions;
        try {
            JsonNode tree = MAPPER.readTree(body);
            tree.findParents(EXTENSION).forEach(p -> ((ObjectNode) p).remove(EXTENSION));
            withoutExtensions = MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
        ValidationReport report = VALIDATOR.validateResponse(path, method, SimpleResponse.Builder.status(status)
                .withContentType("application/json").withBody(withoutExtensions).build());
        assertThat(report.getMessages()).as("core API schema violations of %s %s: %s", method, path, body).isEmpty();
    }
}
