package dev.gridservices.device.service;

import io.github.thibaultmeyer.cuid.CUID;

/**
 * New object ids: a type prefix and a CUID (globally unique without coordination), also valid OpenADR
 * objectIDs (URL safe, at most 128 characters): {@code ven_…}, {@code site_…}, {@code res_…} (devices).
 */
public final class Ids {

    private Ids() {
    }

    public static String ven() {
        return "ven_" + CUID.randomCUID1();
    }

    public static String site() {
        return "site_" + CUID.randomCUID1();
    }

    public static String device() {
        return "res_" + CUID.randomCUID1();
    }

    public static String customer() {
        return CUID.randomCUID1().toString();
    }
}
