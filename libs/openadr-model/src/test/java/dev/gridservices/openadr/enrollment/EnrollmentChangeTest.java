package dev.gridservices.openadr.enrollment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class EnrollmentChangeTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode payload(String json) throws Exception {
        return MAPPER.readTree(json);
    }

    @Test
    void theProducersPayloadReadsAsTheChangeEveryReadModelKeeps() throws Exception {
        // As enrollment-service's EnrollmentEvents writes it (fields a read model does not keep are ignored).
        EnrollmentChange c = EnrollmentChange.of("enrollment.updated", 1, payload("""
                {"enrollmentId":"enr_1","kind":"direct","sequence":3,"state":"active","stateReason":null,
                 "programId":"prog_1","openadrProgramId":"prg_1","programInstanceId":"inst_1",
                 "utilityOrganizationId":"utility","oemOrganizationId":"oem","venId":"ven_1","deviceId":"res_1",
                 "resourceName":"battery-1","deviceType":"BATTERY","siteId":"site_1","ended":false,"endedAt":null,
                 "transitions":[{"from":"enrolled","to":"active"}],"changedAt":"2026-12-01T12:00:00.123Z"}"""));
        assertEquals(new EnrollmentChange("enr_1", 3, "active", "prog_1", "prg_1", "inst_1", "utility", "oem", "ven_1",
                "res_1", "battery-1", false, OffsetDateTime.parse("2026-12-01T12:00:00.123Z")), c);
        assertTrue(c.live());
    }

    @Test
    void aDeviceIsLiveOnlyWhileEnrolledOrActiveAndNotEnded() {
        assertTrue(EnrollmentChange.live("enrolled", false));
        assertTrue(EnrollmentChange.live("active", false));
        assertFalse(EnrollmentChange.live("active", true));
        assertFalse(EnrollmentChange.live("pending", false));
        assertFalse(EnrollmentChange.live("suspended", false));
        assertFalse(EnrollmentChange.live(null, false));
    }

    @Test
    void absentBlankOrNonValueFieldsReadAsNullAndABadTimeAsNoTime() throws Exception {
        EnrollmentChange c = EnrollmentChange.of("enrollment.created", 1, payload("""
                {"enrollmentId":"enr_2","sequence":1,"utilityOrganizationId":"utility","deviceId":"  ",
                 "venId":{"nested":true},"state":null,"changedAt":"yesterday"}"""));
        assertNull(c.deviceId());
        assertNull(c.venId());
        assertNull(c.state());
        assertNull(c.programId());
        assertNull(c.changedAt());
        assertFalse(c.ended());
        assertFalse(c.live());
    }

    @Test
    void whatIsNotAnEnrollmentChangeIsRefusedWithTheReason() throws Exception {
        JsonNode good = payload("{\"enrollmentId\":\"e\",\"sequence\":1,\"utilityOrganizationId\":\"u\"}");
        assertThrows(IllegalArgumentException.class, () -> EnrollmentChange.of("device.created", 1, good));
        assertThrows(IllegalArgumentException.class, () -> EnrollmentChange.of(null, 1, good));
        assertThrows(IllegalArgumentException.class, () -> EnrollmentChange.of("enrollment.created", 2, good));
        assertThrows(IllegalArgumentException.class, () -> EnrollmentChange.of("enrollment.created", 1, null));
        assertThrows(IllegalArgumentException.class, () -> EnrollmentChange.of("enrollment.created", 1,
                payload("[]")));
        for (String bad : new String[]{"{\"sequence\":1,\"utilityOrganizationId\":\"u\"}",
                "{\"enrollmentId\":\"e\",\"sequence\":1}",
                "{\"enrollmentId\":\"e\",\"sequence\":0,\"utilityOrganizationId\":\"u\"}",
                "{\"enrollmentId\":\"e\",\"sequence\":\"x\",\"utilityOrganizationId\":\"u\"}",
                "{\"enrollmentId\":\"e\",\"utilityOrganizationId\":\"u\"}"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> EnrollmentChange.of("enrollment.updated", 1, payload(bad)), bad);
            assertTrue(e.getMessage().contains("positive sequence"), e.getMessage());
        }
    }
}
