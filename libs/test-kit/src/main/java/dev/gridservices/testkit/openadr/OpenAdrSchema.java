package dev.gridservices.testkit.openadr;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * Validates /v2 requests and responses against the OpenADR 3.1.0 OpenAPI document, for every service that
 * speaks OpenADR. It reads the kit's copy ({@code openadr3-3.1.0.yaml} beside this class), which differs from
 * the published file in four places, explained atop that copy: the stray "-" after BlVenRequest.targets'
 * {@code default: null} (the known YAML defect), a discriminator mapping for programRequest.payloadDescriptors
 * that the spec's own enums imply, the order of ven/resource's allOf parts (their objectType enums exclude each
 * other), and VEN_RESOURCE in objectTypes.
 * <p>
 * swagger-parser also reports every nullable array property with {@code default: null} (legal in
 * OpenAPI 3.0 with {@code nullable: true}) as "default is not of type array", and the validator's own
 * loader refuses a document with any parse message. So the document is parsed here, only that known
 * message is tolerated (anything else fails), and the parsed model is handed to the validator.
 * <p>
 * Needs {@code com.atlassian.oai:swagger-request-validator-core} on the test classpath: an optional
 * dependency of the kit, so that a service which validates no OpenADR bodies does not carry it.
 */
public final class OpenAdrSchema {

    private static final OpenApiInteractionValidator VALIDATOR = load();

    private OpenAdrSchema() {
    }

    private static OpenApiInteractionValidator load() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        // allOf (program = objectMetadata + programRequest) merged into one schema: validated part by
        // part, each part would reject the other part's properties.
        options.setResolveCombinators(true);
        options.setResolveFully(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readLocation(
                OpenAdrSchema.class.getResource("openadr3-3.1.0.yaml").toString(), null, options);
        assertThat(result.getOpenAPI()).as("OpenADR 3.1.0 document parsed").isNotNull();
        assertThat(result.getMessages()).as("unexpected parse messages")
                .allMatch(m -> m.matches("attribute components\\.schemas\\.\\w+\\.default is not of type `array`"));
        return OpenApiInteractionValidator.createFor(result.getOpenAPI()).withBasePathOverride("/v2").build();
    }

    /** The validator's report on a response of {@code method path}, for tests that expect particular messages. */
    public static ValidationReport report(String path, Request.Method method, int status, String body) {
        return VALIDATOR.validateResponse(path, method, SimpleResponse.Builder.status(status)
                .withContentType("application/json").withBody(body).build());
    }

    /** Fails the test unless {@code body} is a valid request body of {@code method path}. */
    public static void assertValidRequest(String path, Request.Method method, String body) {
        ValidationReport report = VALIDATOR.validateRequest(new SimpleRequest.Builder(method, path)
                .withContentType("application/json").withAuthorization("Bearer token").withBody(body).build());
        assertThat(report.getMessages()).as("OpenADR 3.1.0 schema violations of request %s %s: %s", method, path,
                body).isEmpty();
    }

    /** Fails the test with the validator's messages unless the response matches the schema. */
    public static void assertValid(String path, Request.Method method, int status, String body) {
        ValidationReport report = report(path, method, status, body);
        assertThat(report.getMessages()).as("OpenADR 3.1.0 schema violations of %s %s: %s", method, path, body)
                .isEmpty();
    }
}
