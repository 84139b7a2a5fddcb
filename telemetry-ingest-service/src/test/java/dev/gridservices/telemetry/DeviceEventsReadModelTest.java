package dev.gridservices.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridservices.openadr.payload.DeviceType;
import dev.gridservices.telemetry.messaging.CatchUpHook;
import dev.gridservices.telemetry.messaging.ReadModelConsumers;
import dev.gridservices.telemetry.service.DeviceDirectory;
import dev.gridservices.telemetry.service.EventDirectory;
import org.junit.jupiter.api.Test;

/**
 * The devices.changed read model against the records device-service really publishes (its
 * DeviceEvents: device.* with a DeviceChanged snapshot keyed by deviceId, ven.* with VenChanged).
 */
class DeviceEventsReadModelTest {

    private final DeviceDirectory devices = new DeviceDirectory();
    private final ReadModelConsumers consumers =
            new ReadModelConsumers(new ObjectMapper().findAndRegisterModules(), devices, new EventDirectory(),
                    CatchUpHook.unstarted());

    private static String device(String type, String id, String name, String deviceType, boolean deleted) {
        return Fixtures.envelope(type, "org_a", """
                {"deviceId":"%s","resourceName":"%s","venId":"ven_a","organizationId":"org_a","workspaceId":"wsp_a",\
                "siteId":"site_a","deviceType":"%s","type":"battery","manufacturer":null,"manufacturerDeviceId":null,\
                "model":null,"serialNumber":null,"targets":[],"tags":[],"connectivityLost":false,"connectivityLostAt":null,\
                "lastSeen":null,"deleted":%s,"updatedAt":"2026-12-01T09:00:00Z"}""".formatted(id, name, deviceType, deleted));
    }

    private static String ven(String type, String venId, boolean deleted) {
        return Fixtures.envelope(type, "org_a", """
                {"venId":"%s","organizationId":"org_a","workspaceId":"wsp_a","venName":"acme","clientId":"cli_a",\
                "deleted":%s,"updatedAt":"2026-12-01T09:00:00Z"}""".formatted(venId, deleted));
    }

    @Test
    void deviceSnapshotsAreUpsertedAndDeletedByDeviceId() {
        consumers.onDeviceChange(device("device.created", "res_1", "BAT-1", "BATTERY", false));
        assertThat(devices.byId("res_1")).get().satisfies(d -> {
            assertThat(d.deviceType()).isEqualTo(DeviceType.BATTERY);
            assertThat(d.venId()).isEqualTo("ven_a");
            assertThat(d.organizationId()).isEqualTo("org_a");
            assertThat(d.siteId()).isEqualTo("site_a");
        });

        consumers.onDeviceChange(device("device.updated", "res_1", "BAT-1b", "BATTERY", false));
        assertThat(devices.byVenAndName("ven_a", "BAT-1b")).isPresent();
        assertThat(devices.byVenAndName("ven_a", "BAT-1")).isEmpty();

        consumers.onDeviceChange(device("device.connectivityLost", "res_1", "BAT-1b", "BATTERY", false));
        assertThat(devices.byId("res_1")).isPresent();

        consumers.onDeviceChange(device("device.deleted", "res_1", "BAT-1b", "BATTERY", true));
        assertThat(devices.byId("res_1")).isEmpty();
    }

    @Test
    void everyDeviceTypeDeviceServiceEmitsIsReadAndUnknownHasNoPayloadTable() {
        for (String name : new String[] {"BATTERY", "THERMOSTAT", "EV_CHARGER", "SOLAR_INVERTER", "SMART_METER", "VEHICLE"}) {
            consumers.onDeviceChange(device("device.created", "res_" + name, name, name, false));
            assertThat(devices.byId("res_" + name)).get().extracting(DeviceDirectory.Device::deviceType)
                    .isEqualTo(DeviceType.valueOf(name));
        }
        consumers.onDeviceChange(device("device.created", "res_v1", "V1", "UNKNOWN", false));
        assertThat(devices.byId("res_v1")).get().satisfies(d -> {
            assertThat(d.deviceType()).isNull();
            assertThat(d.deviceTypeName()).isEqualTo("UNKNOWN");
        });
    }

    @Test
    void venSnapshotsGiveTheOrganizationOfAVen() {
        consumers.onDeviceChange(ven("ven.created", "ven_x", false));
        assertThat(devices.organizationOfVen("ven_x")).contains("org_a");
        consumers.onDeviceChange(ven("ven.deleted", "ven_x", true));
        assertThat(devices.organizationOfVen("ven_x")).isEmpty();
    }

    @Test
    void aRecordLackingTheDeviceIdIsSkippedAndLaterOnesStillApply() {
        consumers.onDeviceChange(Fixtures.envelope("device.created", "org_a", "{\"resourceName\":\"X\"}"));
        consumers.onDeviceChange(Fixtures.envelope("site.created", "org_a", "{\"siteId\":\"site_a\"}"));
        consumers.onDeviceChange(device("device.created", "res_2", "BAT-2", "BATTERY", false));
        assertThat(devices.size()).isEqualTo(1);
    }
}
