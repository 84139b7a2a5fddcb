package dev.gridservices.programs.mapping;

import dev.gridservices.kit.paging.PageRequest;
import dev.gridservices.programs.repository.ProgramRepository.PageOf;
import java.util.List;
import java.util.function.Function;

/** The core API's list envelope for programs and instances, exactly as the spec: flat page fields. */
public record ListEnvelope<T>(List<T> data, int page, int perPage, long totalItems, int totalPages) {

    public static <E, T> ListEnvelope<T> of(PageOf<E> rows, PageRequest request, Function<E, T> mapper) {
        int totalPages = (int) ((rows.total() + request.perPage() - 1) / request.perPage());
        return new ListEnvelope<>(rows.rows().stream().map(mapper).toList(), request.page(), request.perPage(),
                rows.total(), totalPages);
    }
}
