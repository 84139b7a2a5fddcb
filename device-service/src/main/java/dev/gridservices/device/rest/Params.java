package dev.gridservices.device.rest;

import dev.gridservices.kit.paging.PageParams;
import dev.gridservices.kit.paging.PageRequest;

/** The core API lists' paging: service-kit's bounds, with device-service's default page size. */
final class Params {

    /** Core API lists default to 100 per page (as programs-service's); bounds are service-kit's. */
    static final int DEFAULT_PER_PAGE = 100;

    private Params() {
    }

    static PageRequest page(PageParams paging) {
        return paging.toPageRequest(DEFAULT_PER_PAGE, PageRequest.MAX_PER_PAGE);
    }
}
