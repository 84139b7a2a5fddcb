package dev.gridservices.device.service;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * What a program's enrolled devices can deliver right now, as one caller may see it ({@code scope}: utility =
 * every device enrolled in the utility's instances of the program; oem = the caller's own enrolled devices).
 * Counted: every device live in an enrollment (state enrolled or active, not ended). Figures: online
 * devices only (a device that never reported or is connectivity-lost counts, but delivers nothing).
 */
public record FleetCapacity(String programId, String openadrProgramId, String scope, OffsetDateTime asOf,
                            OffsetDateTime lastReadingAt, Figures total, Map<String, Long> enrollmentStates,
                            Map<String, Figures> byType, List<TerritoryFigures> byTerritory) {

    /**
     * One group's counts and sums (kW, kWh; rounded to 1 W / 1 Wh). {@code availableKw} =
     * {@code availableDischargeKw} (batteries) + {@code availableCurtailmentKw} (charging EV chargers and
     * vehicles); {@code curtailableGenerationKw} (solar) is apart, since curtailing generation raises net load.
     * The rated figures sum the registration ratings of every counted device, online or not.
     */
    public record Figures(long devices, long online, long connectivityLost, long neverSeen, double availableKw,
                          double availableDischargeKw, double availableCurtailmentKw, double curtailableGenerationKw,
                          double storedKwh, double ratedDischargeKw, double ratedStorageKwh, double nameplateKw) {
    }

    /** The figures of the devices whose site lies in one utility's territory (null ids: no single utility matched). */
    public record TerritoryFigures(String utilityId, String utilityName, String iso, Figures figures) {
    }
}
