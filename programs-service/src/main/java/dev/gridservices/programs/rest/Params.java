package dev.gridservices.programs.rest;

import dev.gridservices.kit.paging.PageParams;
import dev.gridservices.kit.paging.PageRequest;

/** Paging of the programs' lists, which default to 100 per page (core-api-v1.openapi.json). */
final class Params {

    static final int DEFAULT_PER_PAGE = 100;

    private Params() {
    }

    static PageRequest page(PageParams paging) {
        return paging.toPageRequest(DEFAULT_PER_PAGE, PageRequest.MAX_PER_PAGE);
    }
}
