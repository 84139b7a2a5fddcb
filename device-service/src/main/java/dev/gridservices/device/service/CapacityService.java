package dev.gridservices.device.service;

import dev.gridservices.device.repository.CapacityRepository;
import dev.gridservices.device.repository.CapacityRepository.Program;
import dev.gridservices.device.repository.CapacityRepository.Row;
import dev.gridservices.device.repository.ProgramViewRepository;
import dev.gridservices.kit.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Fleet capacity per program (Direct API Flow 1), folded from one aggregate query
 * ({@link CapacityRepository}) over the devices' kept contributions ({@link Capacity}). A utility sees the
 * devices enrolled in its instances of the program; an OEM sees its own enrolled devices (a VEN-bound
 * client: its VEN's). With nothing of the caller's enrolled, a public program, the caller's own, or one offered to
 * the caller's OEM organization has zeros; any other program is 404.
 */
@ApplicationScoped
public class CapacityService {

    private final CapacityRepository capacity;
    private final ProgramViewRepository programs;
    private final Clock clock;

    public CapacityService(CapacityRepository capacity, ProgramViewRepository programs, Clock clock) {
        this.capacity = capacity;
        this.programs = programs;
        this.clock = clock;
    }

    @WithSession
    public Uni<FleetCapacity> of(Actor actor, Program by, String programId) {
        String scope = actor.utility() ? "utility" : "oem";
        Uni<List<Row>> rows = actor.utility() ? capacity.ofUtility(by, programId, actor.organizationId())
                : capacity.ofOem(by, programId, actor.organizationId(), actor.venId());
        return rows.flatMap(found -> found.isEmpty()
                // Nothing of the caller's is enrolled: a program it may know of (public, its own, offered to it)
                // has zero capacity for it; any other stays 404, revealing nothing of another organization's.
                ? programs.visible(programId, by == Program.OPENADR_ID, actor.organizationId(), !actor.utility())
                        .onItem().ifNull().failWith(() -> ProblemException.notFound("Program", programId))
                        .map(p -> fold(scope, p.programId, p.openadrProgramId, found))
                : Uni.createFrom().item(fold(scope, found.get(0).programId(), found.get(0).openadrProgramId(),
                        found)));
    }

    private FleetCapacity fold(String scope, String programId, String openadrProgramId, List<Row> rows) {
        Tally total = new Tally();
        Map<String, Long> states = new TreeMap<>();
        Map<String, Tally> byType = new TreeMap<>();
        Map<List<String>, Tally> byTerritory = new LinkedHashMap<>();
        OffsetDateTime lastReading = null;
        for (Row r : rows) {
            total.add(r);
            states.merge(r.enrollmentState(), r.devices(), Long::sum);
            byType.computeIfAbsent(DeviceKind.wireType(r.deviceType()), k -> new Tally()).add(r);
            byTerritory.computeIfAbsent(Arrays.asList(r.utilityId(), r.utilityName(), r.iso()),
                    k -> new Tally()).add(r);
            if (r.lastSeen() != null && (lastReading == null || r.lastSeen().isAfter(lastReading))) {
                lastReading = r.lastSeen();
            }
        }
        Map<String, FleetCapacity.Figures> types = new LinkedHashMap<>();
        byType.forEach((type, t) -> types.put(type, t.figures()));
        List<FleetCapacity.TerritoryFigures> territories = new ArrayList<>();
        byTerritory.forEach((k, t) -> territories.add(new FleetCapacity.TerritoryFigures(k.get(0), k.get(1), k.get(2),
                t.figures())));
        territories.sort(Comparator.comparing((FleetCapacity.TerritoryFigures t) -> t.utilityName() == null ? "\uffff"
                : t.utilityName()).thenComparing(t -> Objects.toString(t.iso(), "")));
        return new FleetCapacity(programId, openadrProgramId, scope, Times.now(clock), lastReading, total.figures(),
                states, types, territories);
    }

    /** Sums of a group; the "now" figures only of online devices. */
    private static final class Tally {
        long devices;
        long online;
        long lost;
        long neverSeen;
        double discharge;
        double curtailment;
        double generation;
        double stored;
        double ratedDischarge;
        double ratedStorage;
        double nameplate;

        void add(Row r) {
            devices += r.devices();
            ratedDischarge += zero(r.maxDischargeKw());
            ratedStorage += zero(r.usableCapacityKwh());
            nameplate += zero(r.nameplateKw());
            switch (r.connectivity()) {
                case "online" -> {
                    online += r.devices();
                    discharge += zero(r.availableDischargeKw());
                    curtailment += zero(r.availableCurtailmentKw());
                    generation += zero(r.curtailableGenerationKw());
                    stored += zero(r.storedKwh());
                }
                case "lost" -> lost += r.devices();
                default -> neverSeen += r.devices();
            }
        }

        FleetCapacity.Figures figures() {
            return new FleetCapacity.Figures(devices, online, lost, neverSeen, round(discharge + curtailment),
                    round(discharge), round(curtailment), round(generation), round(stored), round(ratedDischarge),
                    round(ratedStorage), round(nameplate));
        }

        private static double zero(Double value) {
            return value == null ? 0 : value;
        }

        private static double round(double value) {
            return Math.round(value * 1000) / 1000.0;
        }
    }
}
