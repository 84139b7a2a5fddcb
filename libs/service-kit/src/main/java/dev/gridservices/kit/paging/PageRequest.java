package dev.gridservices.kit.paging;

import dev.gridservices.kit.problem.Problem;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.kit.problem.ProblemType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A validated page window. Pages are 1-based as in the core API; {@link #offset()} is what a query
 * skips. Bounds are enforced here so that every list endpoint rejects them the same way.
 */
public record PageRequest(int page, int perPage) {

    public static final int DEFAULT_PER_PAGE = 20;
    public static final int MAX_PER_PAGE = 100;

    /** Validates raw query values (null = default) and names the offending parameter on failure. */
    public static PageRequest of(Integer page, Integer perPage) {
        return of(page, perPage, "page", "perPage", MAX_PER_PAGE);
    }

    public static PageRequest of(Integer page, Integer perPage, String pageName, String perPageName,
                                 int maxPerPage) {
        List<Problem.FieldError> errors = new ArrayList<>();
        int p = page == null ? 1 : page;
        int size = perPage == null ? Math.min(DEFAULT_PER_PAGE, maxPerPage) : perPage;
        if (p < 1) {
            errors.add(new Problem.FieldError(pageName, "must be greater than or equal to 1"));
        }
        if (size < 1 || size > maxPerPage) {
            errors.add(new Problem.FieldError(perPageName, "must be between 1 and " + maxPerPage));
        }
        if (!errors.isEmpty()) {
            String detail = errors.stream().map(e -> e.field() + ": " + e.message())
                    .reduce((a, b) -> a + "; " + b).orElseThrow();
            throw new ProblemException(ProblemType.VALIDATION_ERROR, detail, errors, Map.of());
        }
        return new PageRequest(p, size);
    }

    public int offset() {
        return (page - 1) * perPage;
    }
}
