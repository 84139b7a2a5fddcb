package dev.gridservices.device.rest;

import dev.gridservices.kit.paging.PageParams;
import dev.gridservices.kit.paging.PageRequest;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.openadr.ObjectIds;
import java.util.List;

/**
 * Request values the resources read alike: the core API lists' paging (service-kit's bounds, with
 * device-service's default page size), OpenADR object ids in paths, and repeated query values.
 */
final class Params {

    /** Core API lists default to 100 per page (as programs-service's); bounds are service-kit's. */
    static final int DEFAULT_PER_PAGE = 100;

    private Params() {
    }

    static PageRequest page(PageParams paging) {
        return paging.toPageRequest(DEFAULT_PER_PAGE, PageRequest.MAX_PER_PAGE);
    }

    /** A path id that cannot be an OpenADR objectID names nothing: 404, before anything is looked up. */
    static void checkId(String id) {
        if (!ObjectIds.isValid(id)) {
            throw ProblemException.notFound("Object", id);
        }
    }

    /** A repeated query parameter's values without the empty ones ({@code ?targets=}); absent → empty. */
    static List<String> nonEmpty(List<String> values) {
        return values == null ? List.of() : values.stream().filter(t -> !t.isEmpty()).toList();
    }
}
