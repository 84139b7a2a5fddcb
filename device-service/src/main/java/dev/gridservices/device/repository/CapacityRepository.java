package dev.gridservices.device.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Fleet capacity as one aggregate: the program's live enrollments (partial index on the program) joined to
 * their devices (primary key) and sites (primary key), summed per device type × connectivity × enrollment
 * state × territory. The per-device figures are kept current by every reading, so nothing here reads
 * telemetry; the cost grows with the program's enrolled devices only.
 */
@ApplicationScoped
public class CapacityRepository {

    /** How the request names the program: its core id (/v1) or its OpenADR id (/v2). */
    public enum Program { CORE_ID, OPENADR_ID }

    /**
     * One group of devices. {@code connectivity}: online, lost or never_seen (the device row's flag, as
     * /v1/devices shows it). Sums are null when no device of the group has the figure.
     */
    public record Row(String deviceType, String connectivity, String enrollmentState, String programId,
                      String openadrProgramId, String utilityId, String utilityName, String iso, long devices,
                      Double maxDischargeKw, Double usableCapacityKwh, Double nameplateKw,
                      Double availableDischargeKw, Double availableCurtailmentKw, Double curtailableGenerationKw,
                      Double storedKwh, OffsetDateTime lastSeen) {
    }

    private static final String SELECT = "select d.deviceType as type,"
            + " case when d.connectivityLost = true then 'lost' when d.lastSeen is null then 'never_seen'"
            + " else 'online' end as connectivity,"
            + " e.state as state, e.programId as program, e.openadrProgramId as openadrProgram,"
            + " s.utilityId as utilityId, s.utilityName as utilityName, s.iso as iso,"
            + " count(d), sum(d.maxDischargeKw), sum(d.usableCapacityKwh), sum(d.nameplateKw),"
            + " sum(d.availableDischargeKw), sum(d.availableCurtailmentKw), sum(d.curtailableGenerationKw),"
            + " sum(d.storedKwh), max(d.lastSeen)"
            + " from EnrollmentView e join Device d on d.id = e.deviceId and d.organizationId = e.oemOrganizationId"
            + " left join Site s on s.id = d.siteId"
            + " where e.ended = false and e.state in ('enrolled', 'active')";
    private static final String GROUP = " group by type, connectivity, state, program, openadrProgram, utilityId,"
            + " utilityName, iso";

    /** The program's devices enrolled in the utility's instances. */
    public Uni<List<Row>> ofUtility(Program by, String programId, String utilityOrganizationId) {
        return query(by, " and e.utilityOrganizationId = :org", programId, utilityOrganizationId, null);
    }

    /** The program's devices of the OEM organization (a VEN-bound caller: of its VEN only). */
    public Uni<List<Row>> ofOem(Program by, String programId, String oemOrganizationId, String venId) {
        return query(by, " and d.organizationId = :org" + (venId == null ? "" : " and d.venId = :ven"), programId,
                oemOrganizationId, venId);
    }

    private Uni<List<Row>> query(Program by, String whose, String programId, String organizationId, String venId) {
        String program = by == Program.CORE_ID ? " and e.programId = :program" : " and e.openadrProgramId = :program";
        return Panache.getSession().flatMap(session -> {
            var q = session.createQuery(SELECT + program + whose + GROUP, Object[].class)
                    .setParameter("program", programId).setParameter("org", organizationId);
            if (venId != null) {
                q.setParameter("ven", venId);
            }
            return q.getResultList();
        }).map(rows -> rows.stream().map(CapacityRepository::row).toList());
    }

    private static Row row(Object[] r) {
        return new Row((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5],
                (String) r[6], (String) r[7], ((Number) r[8]).longValue(), number(r[9]), number(r[10]), number(r[11]),
                number(r[12]), number(r[13]), number(r[14]), number(r[15]), (OffsetDateTime) r[16]);
    }

    private static Double number(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }
}
