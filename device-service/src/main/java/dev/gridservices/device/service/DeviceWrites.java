package dev.gridservices.device.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridservices.device.messaging.DeviceEvents;
import dev.gridservices.device.repository.Device;
import dev.gridservices.device.repository.DeviceRepository;
import dev.gridservices.device.repository.Scope;
import dev.gridservices.device.repository.SiteRepository;
import dev.gridservices.device.repository.VenRepository;
import dev.gridservices.kit.json.JsonText;
import dev.gridservices.kit.problem.Problem;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.kit.problem.ProblemType;
import dev.gridservices.openadr.ValuesMap;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * The transactional writes of devices. Idempotent registration is split across two transactions by
 * {@link DeviceService}: a failed insert (the unique key lost a race) aborts its transaction, so the winner is
 * read in a fresh one ({@link #existingRegistration}).
 */
@ApplicationScoped
public class DeviceWrites {

    private static final Logger LOG = Logger.getLogger(DeviceWrites.class);
    static final String OEM_DIRECT = "OEM_DIRECT";

    private final DeviceRepository devices;
    private final VenRepository vens;
    private final SiteRepository sites;
    private final DeviceEvents events;
    private final JsonText json;
    private final ObjectMapper mapper;
    private final MeterRegistry registry;
    private final Clock clock;

    public DeviceWrites(DeviceRepository devices, VenRepository vens, SiteRepository sites, DeviceEvents events,
                        JsonText json, ObjectMapper mapper, MeterRegistry registry, Clock clock) {
        this.devices = devices;
        this.vens = vens;
        this.sites = sites;
        this.events = events;
        this.json = json;
        this.mapper = mapper;
        this.registry = registry;
        this.clock = clock;
    }

    /** POST /v2/resources: creates, or finds the same resource (200), or refuses a different one of that name (409). */
    @WithTransaction
    public Uni<Registration> register(Actor actor, ResourceDraft draft, ResourceRules.Checked checked) {
        return usable(actor, draft.venId(), checked.siteId())
                .flatMap(v -> devices.findByName(actor.organizationId(), draft.venId(), draft.resourceName()))
                .flatMap(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().item(same(existing, draft));
                    }
                    Device d = new Device();
                    d.id = Ids.device();
                    d.organizationId = actor.organizationId();
                    d.workspaceId = actor.workspaceId();
                    d.venId = draft.venId();
                    d.resourceName = draft.resourceName();
                    d.provisioningType = OEM_DIRECT;
                    d.tags = new String[0];
                    d.state = "{}";
                    d.createdAt = Times.now(clock);
                    apply(d, draft, checked);
                    return devices.persist(d).call(devices::flush)
                            .call(() -> events.device(DeviceEvents.DEVICE_CREATED, d))
                            .invoke(() -> written("create", d))
                            .map(x -> new Registration(d, true));
                });
    }

    /** After a lost insert race: the row the winner wrote, compared like any repeat. */
    @WithSession
    public Uni<Registration> existingRegistration(Actor actor, ResourceDraft draft) {
        return devices.findByName(actor.organizationId(), draft.venId(), draft.resourceName())
                .onItem().ifNull().failWith(() -> new IllegalStateException("Unique violation without a row"))
                .map(existing -> same(existing, draft));
    }

    /** PUT /v2/resources/{id}: new attributes (and targets); resourceName and venID stay. */
    @WithTransaction
    public Uni<Device> replace(Actor actor, String id, ResourceDraft draft, ResourceRules.Checked checked) {
        return visible(actor.scope(), id).flatMap(d -> {
            if (draft.resourceName() != null && !draft.resourceName().equals(d.resourceName)) {
                throw ProblemException.invalid("resourceName", "cannot be changed (it is " + d.resourceName + ")");
            }
            if (draft.venId() != null && !draft.venId().equals(d.venId)) {
                throw ProblemException.invalid("venID", "cannot be changed (it is " + d.venId + ")");
            }
            return siteUsable(actor.scope(), checked.siteId()).flatMap(s -> {
                apply(d, draft, checked);
                return devices.flush().call(() -> events.device(DeviceEvents.DEVICE_UPDATED, d))
                        .invoke(() -> written("replace", d)).replaceWith(d);
            });
        });
    }

    @WithTransaction
    public Uni<Device> delete(Actor actor, String id) {
        return visible(actor.scope(), id).call(d -> devices.delete(d).call(devices::flush)
                .call(() -> events.device(DeviceEvents.DEVICE_DELETED, d))
                .invoke(() -> written("delete", d)));
    }

    @WithTransaction
    public Uni<Device> tags(Actor actor, String id, List<String> tags) {
        return visible(actor.scope(), id).call(d -> {
            d.tags = tags.stream().distinct().toArray(String[]::new);
            d.updatedAt = Times.now(clock);
            return devices.flush().call(() -> events.device(DeviceEvents.DEVICE_UPDATED, d));
        });
    }

    /** PUT /v1/devices/{id}/site: the device moves to another of the organization's sites. */
    @WithTransaction
    public Uni<Device> moveToSite(Actor actor, String id, String siteId) {
        return visible(actor.scope(), id).call(d -> sites.findVisible(siteId, actor.scope())
                .onItem().ifNull().failWith(() -> ProblemException.invalid("siteProfileId", "no such site"))
                .call(site -> {
                    d.siteId = site.id;
                    d.attributes = json.write(withSite(json.readList(d.attributes, ResourceRules.ATTRIBUTES), site.id));
                    d.updatedAt = Times.now(clock);
                    return devices.flush().call(() -> events.device(DeviceEvents.DEVICE_UPDATED, d));
                }));
    }

    /** POST /v1/devices with a MANUFACTURER key: 201 new, 200 the same, 409 naming the fields that differ. */
    @WithTransaction
    public Uni<Registration> registerManufactured(Actor actor, ManufacturerDeviceDraft draft) {
        return sites.findVisible(draft.siteId(), actor.scope())
                .onItem().ifNull().failWith(() -> ProblemException.invalid("siteId", "no such site"))
                .flatMap(site -> devices.findByName(actor.organizationId(), null, draft.manufacturerDeviceId()))
                .flatMap(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().item(sameManufactured(existing, draft));
                    }
                    Device d = new Device();
                    d.id = Ids.device();
                    d.organizationId = actor.organizationId();
                    d.workspaceId = actor.workspaceId();
                    d.resourceName = draft.manufacturerDeviceId();
                    d.manufacturerDeviceId = draft.manufacturerDeviceId();
                    d.model = draft.deviceModelId();
                    d.siteId = draft.siteId();
                    d.serialNumber = draft.serialNumber();
                    d.name = draft.name();
                    d.deviceType = DeviceKind.UNKNOWN.name();
                    d.provisioningType = OEM_DIRECT;
                    d.attributes = "[]";
                    d.targets = new String[0];
                    d.tags = new String[0];
                    d.state = "{}";
                    d.createdAt = Times.now(clock);
                    d.updatedAt = d.createdAt;
                    return devices.persist(d).call(devices::flush)
                            .call(() -> events.device(DeviceEvents.DEVICE_CREATED, d))
                            .invoke(() -> written("create", d))
                            .map(x -> new Registration(d, true));
                });
    }

    @WithSession
    public Uni<Registration> existingManufactured(Actor actor, ManufacturerDeviceDraft draft) {
        return devices.findByName(actor.organizationId(), null, draft.manufacturerDeviceId())
                .onItem().ifNull().failWith(() -> new IllegalStateException("Unique violation without a row"))
                .map(existing -> sameManufactured(existing, draft));
    }

    Uni<Device> visible(Scope scope, String id) {
        return devices.findVisible(id, scope).onItem().ifNull().failWith(() -> ProblemException.notFound("Device", id));
    }

    /** The VEN must be the caller's (a VEN-bound client: its own), the site one of the caller's sites. */
    private Uni<Void> usable(Actor actor, String venId, String siteId) {
        return vens.findVisible(venId, actor.scope())
                .onItem().ifNull().failWith(() -> ProblemException.invalid("venID", "no such VEN"))
                .flatMap(v -> siteUsable(actor.scope(), siteId));
    }

    private Uni<Void> siteUsable(Scope scope, String siteId) {
        return sites.findVisible(siteId, scope)
                .onItem().ifNull().failWith(() -> ProblemException.invalid("attributes." + Attributes.SITE_ID,
                        "no such site: " + siteId))
                .replaceWithVoid();
    }

    private Registration same(Device existing, ResourceDraft draft) {
        JsonNode before = json.read(existing.attributes);
        JsonNode after = mapper.valueToTree(draft.attributes());
        List<String> targets = draft.targets() == null ? List.of() : draft.targets();
        if (!before.equals(after) || !List.of(existing.targets).equals(targets)) {
            throw ProblemException.conflict("Resource '" + draft.resourceName() + "' of VEN " + draft.venId()
                    + " already exists with other attributes (id " + existing.id + ")");
        }
        return new Registration(existing, false);
    }

    private static Registration sameManufactured(Device d, ManufacturerDeviceDraft draft) {
        List<Problem.FieldError> mismatched = new ArrayList<>();
        Map<String, String[]> fields = Map.of(
                "deviceModelId", new String[]{d.model, draft.deviceModelId()},
                "siteId", new String[]{d.siteId, draft.siteId()},
                "serialNumber", new String[]{d.serialNumber, draft.serialNumber()},
                "name", new String[]{d.name, draft.name()});
        fields.forEach((field, values) -> {
            if (!Objects.equals(values[0], values[1])) {
                mismatched.add(new Problem.FieldError(field, "differs from the registered device"));
            }
        });
        if (!mismatched.isEmpty()) {
            mismatched.sort(java.util.Comparator.comparing(Problem.FieldError::field));
            throw new ProblemException(ProblemType.CONFLICT, "A device with manufacturerDeviceId '"
                    + draft.manufacturerDeviceId() + "' exists with different parameters (PARAMETER_MISMATCH)",
                    mismatched, Map.of());
        }
        return new Registration(d, false);
    }

    private void apply(Device d, ResourceDraft draft, ResourceRules.Checked checked) {
        d.deviceType = checked.kind().name();
        d.siteId = checked.siteId();
        d.manufacturer = checked.manufacturer();
        d.manufacturerDeviceId = checked.manufacturerDeviceId();
        d.model = checked.model();
        d.serialNumber = checked.serialNumber();
        d.name = checked.name();
        d.attributes = json.write(draft.attributes());
        d.targets = (draft.targets() == null ? List.<String>of() : draft.targets()).toArray(String[]::new);
        d.updatedAt = Times.now(clock);
        Capacity.rate(d, draft.attributes());
        if (Capacity.assess(d, json.read(d.state))) {
            registry.counter("capacity.updates", "cause", "registration").increment();
        }
    }

    private static List<ValuesMap> withSite(List<ValuesMap> attributes, String siteId) {
        List<ValuesMap> out = new ArrayList<>(attributes.stream().filter(a -> !Attributes.SITE_ID.equals(a.type())).toList());
        out.add(ValuesMap.of(Attributes.SITE_ID, siteId));
        return out;
    }

    private void written(String operation, Device d) {
        registry.counter("devices.written", "operation", operation).increment();
        LOG.infof("Device %s %s (%s, VEN %s, organization %s)", d.id, operation, d.resourceName, d.venId,
                d.organizationId);
    }
}
