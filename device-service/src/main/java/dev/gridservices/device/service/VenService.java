package dev.gridservices.device.service;

import dev.gridservices.device.messaging.DeviceEvents;
import dev.gridservices.device.repository.Ven;
import dev.gridservices.device.repository.VenRepository;
import dev.gridservices.kit.json.JsonText;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.kit.problem.ProblemType;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * VENs: OEM/TPDO integration accounts, each owned by one organization. The organization (its SERVER key,
 * or a client bound to no VEN) creates and deletes them; a VEN-bound client sees and updates only its own.
 */
@ApplicationScoped
public class VenService {

    private static final Logger LOG = Logger.getLogger(VenService.class);

    private final VenRepository vens;
    private final DeviceEvents events;
    private final JsonText json;
    private final MeterRegistry registry;
    private final Clock clock;

    public VenService(VenRepository vens, DeviceEvents events, JsonText json, MeterRegistry registry, Clock clock) {
        this.vens = vens;
        this.events = events;
        this.json = json;
        this.registry = registry;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Ven> create(Actor actor, VenDraft draft) {
        if (actor.venBound()) {
            return Uni.createFrom().failure(new ProblemException(ProblemType.FORBIDDEN,
                    "A client bound to a VEN cannot create VENs; use the organization's SERVER key or a client "
                            + "bound to no VEN"));
        }
        Ven ven = new Ven();
        ven.id = Ids.ven();
        ven.organizationId = actor.organizationId();
        ven.workspaceId = actor.workspaceId();
        ven.clientId = actor.clientId();
        ven.createdAt = Times.now(clock);
        apply(ven, draft);
        return vens.persist(ven).call(vens::flush)
                .onFailure(Constraints::isUniqueViolation).transform(e -> nameTaken(draft.venName()))
                .call(() -> events.ven(DeviceEvents.VEN_CREATED, ven))
                .invoke(() -> written("create", ven))
                .replaceWith(ven);
    }

    @WithSession
    public Uni<Ven> get(Actor actor, String id) {
        return vens.findVisible(id, actor.scope()).onItem().ifNull().failWith(() -> ProblemException.notFound("VEN", id));
    }

    @WithSession
    public Uni<List<Ven>> search(Actor actor, String venName, List<String> targets, int skip, int limit) {
        return vens.search(actor.scope(), venName, targets, skip, limit);
    }

    /** Any organization's VEN: for auth-service's check before it binds a client to a VEN. */
    @WithSession
    public Uni<Ven> registryLookup(String id) {
        return vens.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("VEN", id));
    }

    @WithTransaction
    public Uni<Ven> replace(Actor actor, String id, VenDraft draft) {
        return vens.findVisible(id, actor.scope()).onItem().ifNull().failWith(() -> ProblemException.notFound("VEN", id))
                .flatMap(ven -> {
                    apply(ven, draft);
                    return vens.flush()
                            .onFailure(Constraints::isUniqueViolation).transform(e -> nameTaken(draft.venName()))
                            .call(() -> events.ven(DeviceEvents.VEN_UPDATED, ven))
                            .invoke(() -> written("replace", ven))
                            .replaceWith(ven);
                });
    }

    /** Deletes a VEN without devices; one that still has devices answers 409 (the FK settles races). */
    @WithTransaction
    public Uni<Ven> delete(Actor actor, String id) {
        if (actor.venBound()) {
            return Uni.createFrom().failure(new ProblemException(ProblemType.FORBIDDEN,
                    "A client bound to a VEN cannot delete it; use the organization's SERVER key"));
        }
        return vens.findVisible(id, actor.scope()).onItem().ifNull().failWith(() -> ProblemException.notFound("VEN", id))
                .flatMap(ven -> vens.countDevices(ven.id).flatMap(count -> {
                    if (count > 0) {
                        return Uni.createFrom().failure(hasDevices(ven));
                    }
                    return vens.delete(ven).call(vens::flush)
                            .onFailure(Constraints::isForeignKeyViolation).transform(e -> hasDevices(ven))
                            .call(() -> events.ven(DeviceEvents.VEN_DELETED, ven))
                            .invoke(() -> written("delete", ven))
                            .replaceWith(ven);
                }));
    }

    private void apply(Ven ven, VenDraft draft) {
        ven.venName = draft.venName();
        ven.attributes = json.write(draft.attributes() == null ? List.of() : draft.attributes());
        ven.targets = (draft.targets() == null ? List.<String>of() : draft.targets()).toArray(String[]::new);
        ven.updatedAt = Times.now(clock);
    }

    private void written(String operation, Ven ven) {
        registry.counter("vens.written", "operation", operation).increment();
        LOG.infof("VEN %s %s (organization %s)", ven.id, operation, ven.organizationId);
    }

    private static ProblemException nameTaken(String name) {
        return ProblemException.conflict("A VEN named '" + name + "' already exists in this organization");
    }

    private static ProblemException hasDevices(Ven ven) {
        return ProblemException.conflict("VEN " + ven.id + " still has resources; delete them first");
    }
}
