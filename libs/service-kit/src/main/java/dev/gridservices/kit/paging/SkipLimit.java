package dev.gridservices.kit.paging;

/** A validated OpenADR window: skip {@code skip} records, return at most {@code limit}. */
public record SkipLimit(int skip, int limit) {

    /** OpenADR 3.1: {@code limit} is 0..50 on every search. */
    public static final int MAX_LIMIT = 50;
}
