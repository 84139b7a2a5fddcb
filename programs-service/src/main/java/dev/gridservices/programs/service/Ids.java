package dev.gridservices.programs.service;

import io.github.thibaultmeyer.cuid.CUID;

/**
 * New object ids: CUIDs (version 1, 25 characters starting with 'c', as in the spec's examples), which
 * are also valid OpenADR objectIDs (URL safe, at most 128 characters).
 */
public final class Ids {

    private Ids() {
    }

    public static String newId() {
        return CUID.randomCUID1().toString();
    }
}
