package dev.gridservices.kit.paging;

import java.util.List;
import java.util.function.Function;

/** One page of a list in the core API's list envelope: {@code {data, page, perPage, totalItems, totalPages}}. */
public record Page<T>(List<T> data, int page, int perPage, long totalItems, int totalPages) {

    public static <T> Page<T> of(List<T> data, PageRequest request, long totalItems) {
        int totalPages = (int) ((totalItems + request.perPage() - 1) / request.perPage());
        return new Page<>(data, request.page(), request.perPage(), totalItems, totalPages);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(data.stream().map(mapper).toList(), page, perPage, totalItems, totalPages);
    }
}
