package dev.gridservices.device.territory;

import java.util.List;

/**
 * What territory matching found for one point. {@code utility} is set only when exactly one distribution
 * utility serves it; {@code candidates} lists every one found (several when ambiguous).
 */
public record TerritoryMatch(Double latitude, Double longitude, String locationSource, String timezone,
                             Territory utility, List<Territory> candidates, Territory cca, Territory iso) {

    public static final String FROM_ZIP = "zip_centroid";
    public static final String FROM_CALLER = "caller";

    public boolean geocoded() {
        return latitude != null;
    }

    /** The outcome, given whether an active program covers the site. */
    public MatchOutcome outcome(boolean programAvailable) {
        if (!geocoded()) {
            return MatchOutcome.INVALID_LOCATION;
        }
        if (candidates.isEmpty()) {
            return MatchOutcome.NO_MATCH;
        }
        if (candidates.size() > 1) {
            return MatchOutcome.AMBIGUOUS;
        }
        return programAvailable ? MatchOutcome.MATCHED : MatchOutcome.PARTIAL;
    }
}
