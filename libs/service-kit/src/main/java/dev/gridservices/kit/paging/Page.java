package dev.gridservices.kit.paging;

import java.util.List;
import java.util.function.Function;

/** One page of a list and how to find the rest, in the core API's list envelope shape. */
public record Page<T>(List<T> data, Pagination pagination) {

    public record Pagination(int page, int perPage, long total, int totalPages) {
    }

    public static <T> Page<T> of(List<T> data, PageRequest request, long total) {
        int totalPages = (int) ((total + request.perPage() - 1) / request.perPage());
        return new Page<>(data, new Pagination(request.page(), request.perPage(), total, totalPages));
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(data.stream().map(mapper).toList(), pagination);
    }
}
