package dev.gridservices.device.territory;

import java.util.Locale;

/** Service-territory matching outcomes (Direct API §10.3). */
public enum MatchOutcome {
    /** One distribution utility, and an active program covers the site. */
    MATCHED,
    /** One distribution utility, no active program: the device stays discovered. */
    PARTIAL,
    /** Several distribution utilities overlap at the point: accepted, pending manual review. */
    AMBIGUOUS,
    /** No distribution utility's territory contains the point. */
    NO_MATCH,
    /** The address could not be geocoded (a ZIP that is not a ZCTA, and no coordinates given). */
    INVALID_LOCATION;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
