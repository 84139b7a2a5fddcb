package dev.gridservices.device.territory;

/**
 * One polygon layer entry of the territory index: a distribution utility's retail service territory, a
 * community choice aggregator, or an ISO/RTO region (CommonGrid).
 *
 * @param layer   which layer it belongs to
 * @param id      CommonGrid's id (the utility's UUID; {@code region-cca-…}/{@code region-iso-…} for the others)
 * @param name    display name
 * @param slug    CommonGrid slug (utilities, CCAs) or short name (ISOs, e.g. ERCOT)
 * @param eiaId   EIA utility id, when the source has one
 * @param state   the territory's state (utilities)
 * @param segment CommonGrid segment (INVESTOR_OWNED_UTILITY, DISTRIBUTION_COOPERATIVE, …)
 */
public record Territory(Layer layer, String id, String name, String slug, String eiaId, String state, String segment) {

    public enum Layer {
        UTILITY, CCA, ISO
    }
}
