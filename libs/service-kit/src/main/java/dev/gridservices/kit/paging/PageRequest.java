package dev.gridservices.kit.paging;

import dev.gridservices.kit.problem.Problem;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.kit.problem.ProblemType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A validated page window in the core API's style, with its bounds: {@code page} 1..1000 (1-based),
 * {@code perPage} 1..100. Bounds are enforced here so that every list endpoint rejects them the same
 * way: a 400 problem naming the parameter. {@link #offset()}/{@link #limit()} are what a query skips
 * and takes. Resources get one from {@link PageParams}.
 */
public record PageRequest(int page, int perPage) {

    public static final int MAX_PAGE = 1000;
    public static final int MAX_PER_PAGE = 100;
    /** The core API's most common default; programs' lists use 100 (see {@link PageParams}). */
    public static final int DEFAULT_PER_PAGE = 10;

    /** Validates raw query values (null = default) with the core API's most common defaults. */
    public static PageRequest of(Integer page, Integer perPage) {
        return of(page, perPage == null ? DEFAULT_PER_PAGE : perPage, "page", "perPage", MAX_PER_PAGE);
    }

    /** For endpoints whose spec names the parameters or bounds differently. */
    public static PageRequest of(Integer page, int perPage, String pageName, String perPageName, int maxPerPage) {
        List<Problem.FieldError> errors = new ArrayList<>();
        int p = page == null ? 1 : page;
        if (p < 1 || p > MAX_PAGE) {
            errors.add(new Problem.FieldError(pageName, "must be between 1 and " + MAX_PAGE));
        }
        if (perPage < 1 || perPage > maxPerPage) {
            errors.add(new Problem.FieldError(perPageName, "must be between 1 and " + maxPerPage));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return new PageRequest(p, perPage);
    }

    static ProblemException invalid(List<Problem.FieldError> errors) {
        String detail = errors.stream().map(e -> e.field() + ": " + e.message())
                .reduce((a, b) -> a + "; " + b).orElseThrow();
        return new ProblemException(ProblemType.VALIDATION_ERROR, detail, errors, Map.of());
    }

    public int offset() {
        return (page - 1) * perPage;
    }

    public int limit() {
        return perPage;
    }
}
