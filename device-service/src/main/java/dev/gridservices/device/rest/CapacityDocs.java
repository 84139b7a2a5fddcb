package dev.gridservices.device.rest;

/** The capacity endpoints' shared OpenAPI description. */
final class CapacityDocs {

    static final String DESCRIPTION = "What the program's enrolled devices (state enrolled or active, not ended) "
            + "can deliver right now, computed continuously from telemetry and enrollment changes (fresh within "
            + "seconds of a reading). Every enrolled device is counted (online, connectivityLost, neverSeen); only "
            + "online devices contribute kW and kWh. availableKw = availableDischargeKw (batteries: the rating "
            + "while the charge level is above the backup reserve, or the BMS's DOWN_REGULATION_AVAILABLE) + "
            + "availableCurtailmentKw (charging EV chargers and vehicles: the load they draw); storedKwh = the "
            + "reported stored energy, else usable capacity x charge level; curtailableGenerationKw (solar output) "
            + "is apart. Broken down by device type, by enrollment state and by territory (the site's utility and "
            + "ISO).";

    private CapacityDocs() {
    }
}
