package dev.gridservices.enrollment.service;

import io.github.thibaultmeyer.cuid.CUID;

/** Object ids: CUIDs, as the core API's schemas declare ({@code format: cuid}). */
public final class Ids {

    private Ids() {
    }

    public static String next() {
        return CUID.randomCUID1().toString();
    }
}
