package dev.gridservices.device.service;

import dev.gridservices.device.repository.Device;
import dev.gridservices.device.repository.DeviceRepository;
import dev.gridservices.device.repository.DeviceRepository.DeviceFilter;
import dev.gridservices.kit.paging.Page;
import dev.gridservices.kit.paging.PageRequest;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Devices, in both shapes (OpenADR resources and core API devices). Registration is idempotent by name:
 * the unique key on (organization, VEN, resourceName) settles concurrent identical POSTs, and the loser
 * answers like a repeat (200 with the winner's row, or 409 if its attributes differ).
 */
@ApplicationScoped
public class DeviceService {

    private final DeviceWrites writes;
    private final DeviceRepository devices;

    public DeviceService(DeviceWrites writes, DeviceRepository devices) {
        this.writes = writes;
        this.devices = devices;
    }

    public Uni<Registration> register(Actor actor, ResourceDraft draft) {
        ResourceRules.Checked checked = ResourceRules.forCreate(draft);
        return writes.register(actor, draft, checked)
                .onFailure(Constraints::isUniqueViolation).recoverWithUni(e -> writes.existingRegistration(actor, draft));
    }

    public Uni<Device> replace(Actor actor, String id, ResourceDraft draft) {
        return writes.replace(actor, id, draft, ResourceRules.attributes(draft));
    }

    public Uni<Registration> registerManufactured(Actor actor, ManufacturerDeviceDraft draft) {
        return writes.registerManufactured(actor, draft)
                .onFailure(Constraints::isUniqueViolation).recoverWithUni(e -> writes.existingManufactured(actor, draft));
    }

    public Uni<Device> delete(Actor actor, String id) {
        return writes.delete(actor, id);
    }

    public Uni<Device> tags(Actor actor, String id, List<String> tags) {
        return writes.tags(actor, id, tags);
    }

    public Uni<Device> moveToSite(Actor actor, String id, String siteId) {
        return writes.moveToSite(actor, id, siteId);
    }

    @WithSession
    public Uni<Device> get(Actor actor, String id) {
        return writes.visible(actor.deviceReadScope(), id);
    }

    @WithSession
    public Uni<List<Device>> search(Actor actor, String venId, String resourceName, List<String> targets, int skip,
                                    int limit) {
        return devices.search(actor.scope(), venId, resourceName, targets, skip, limit);
    }

    @WithSession
    public Uni<Page<Device>> page(Actor actor, DeviceFilter filter, PageRequest page) {
        return devices.page(actor.deviceReadScope(), filter, page);
    }

    @WithSession
    public Uni<List<Device>> ofSites(List<String> siteIds) {
        return devices.ofSites(siteIds);
    }
}
