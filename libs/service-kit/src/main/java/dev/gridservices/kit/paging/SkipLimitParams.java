package dev.gridservices.kit.paging;

import dev.gridservices.kit.problem.Problem;
import jakarta.ws.rs.QueryParam;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * OpenADR 3.1's paging parameters ({@code ?skip=&limit=}) as a JAX-RS bean, the counterpart of
 * {@link PageParams} for /v2 searches:
 * <pre>{@code
 * public Uni<List<Event>> search(@BeanParam SkipLimitParams paging) {
 *     SkipLimit window = paging.toSkipLimit();   // skip >= 0 (default 0), limit 0..50 (default 50)
 * }</pre>
 * Every bad value is a 400 problem naming the parameter, never a 404.
 */
public class SkipLimitParams {

    @QueryParam("skip")
    @Parameter(description = "Number of records to skip, >= 0; default 0",
            schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "0", defaultValue = "0"))
    String skip;

    @QueryParam("limit")
    @Parameter(description = "Maximum number of records to return, 0..50; default 50",
            schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "0", maximum = "50",
                    defaultValue = "50"))
    String limit;

    public SkipLimitParams() {
    }

    /** For code that has the raw values at hand (tests, non-JAX-RS callers). */
    public SkipLimitParams(String skip, String limit) {
        this.skip = skip;
        this.limit = limit;
    }

    /** With OpenADR's bounds: limit at most {@value SkipLimit#MAX_LIMIT}, which is also the default. */
    public SkipLimit toSkipLimit() {
        List<Problem.FieldError> errors = new ArrayList<>();
        Integer s = PageParams.parse("skip", skip, errors);
        Integer l = PageParams.parse("limit", limit, errors);
        if (s != null && s < 0) {
            errors.add(new Problem.FieldError("skip", "must be greater than or equal to 0"));
        }
        if (l != null && (l < 0 || l > SkipLimit.MAX_LIMIT)) {
            errors.add(new Problem.FieldError("limit", "must be between 0 and " + SkipLimit.MAX_LIMIT));
        }
        if (!errors.isEmpty()) {
            throw PageRequest.invalid(errors);
        }
        return new SkipLimit(s == null ? 0 : s, l == null ? SkipLimit.MAX_LIMIT : l);
    }
}
