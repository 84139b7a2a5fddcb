package dev.gridservices.kit.paging;

import dev.gridservices.kit.problem.Problem;
import dev.gridservices.kit.problem.ProblemException;
import jakarta.ws.rs.QueryParam;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The core API's paging parameters ({@code ?page=&perPage=}) as a JAX-RS bean:
 * <pre>{@code
 * public Uni<Page<DeviceView>> list(@BeanParam PageParams paging) {
 *     PageRequest page = paging.toPageRequest();        // perPage default 10, max 100
 *     PageRequest page = paging.toPageRequest(100, 100); // lists whose spec says default 100
 * }</pre>
 * The values are taken as text, so that every bad value ({@code x}, {@code -1}, {@code 1.5},
 * {@code 1001}) is a 400 problem naming the parameter, never the framework's 404 for an
 * unconvertible query parameter. The OpenAPI document still shows them as bounded integers.
 */
public class PageParams {

    @QueryParam("page")
    @Parameter(description = "1-based page number, 1..1000; default 1",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "1"))
    String page;

    @QueryParam("perPage")
    @Parameter(description = "Items per page, 1..100; default 10 (100 on the program lists)",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100"))
    String perPage;

    public PageParams() {
    }

    /** For code that has the raw values at hand (tests, non-JAX-RS callers). */
    public PageParams(String page, String perPage) {
        this.page = page;
        this.perPage = perPage;
    }

    /** With the core API's most common defaults: perPage 10, at most 100. */
    public PageRequest toPageRequest() {
        return toPageRequest(PageRequest.DEFAULT_PER_PAGE, PageRequest.MAX_PER_PAGE);
    }

    /** For a list whose spec sets another default or maximum for {@code perPage}. */
    public PageRequest toPageRequest(int defaultPerPage, int maxPerPage) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Integer p = parse("page", page, errors);
        Integer size = parse("perPage", perPage, errors);
        if (!errors.isEmpty()) {
            throw PageRequest.invalid(errors);
        }
        return PageRequest.of(p, size == null ? defaultPerPage : size, "page", "perPage", maxPerPage);
    }

    static Integer parse(String name, String value, List<Problem.FieldError> errors) {
        try {
            return QueryValues.integer(name, value);
        } catch (ProblemException e) {
            errors.addAll(e.errors());
            return null;
        }
    }
}
