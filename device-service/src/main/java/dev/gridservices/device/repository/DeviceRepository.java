package dev.gridservices.device.repository;

import dev.gridservices.kit.paging.Page;
import dev.gridservices.kit.paging.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class DeviceRepository implements PanacheRepositoryBase<Device, String> {

    private static final String ORDER = "d.createdAt, d.id";

    /** What GET /v1/devices filters on; null fields do not filter. */
    public record DeviceFilter(String referenceId, String manufacturer, String manufacturerDeviceId, String type,
                               String model, String siteId) {
    }

    public Uni<Device> findVisible(String id, Scope scope) {
        Queries q = Queries.scoped("Device", "d", scope, "venId").eq("d.id", "id", id);
        return find(q.hql(ORDER), q.params()).firstResult();
    }

    /** The device named {@code resourceName} in the VEN (null VEN: registered without one, by a MANUFACTURER key). */
    public Uni<Device> findByName(String organizationId, String venId, String resourceName) {
        if (venId == null) {
            return find("organizationId = ?1 and venId is null and resourceName = ?2", organizationId, resourceName)
                    .firstResult();
        }
        return find("organizationId = ?1 and venId = ?2 and resourceName = ?3", organizationId, venId, resourceName)
                .firstResult();
    }

    public Uni<List<Device>> search(Scope scope, String venId, String resourceName, List<String> targets, int skip,
                                    int limit) {
        Queries q = Queries.scoped("Device", "d", scope, "venId").eq("d.venId", "ven", venId)
                .eq("d.resourceName", "name", resourceName).anyOf("d.targets", "target", targets)
                .notNull("d.venId");
        return Queries.window(find(q.hql(ORDER), q.params()), skip, limit);
    }

    public Uni<Page<Device>> page(Scope scope, DeviceFilter filter, PageRequest page) {
        Queries q = Queries.scoped("Device", "d", scope, "venId")
                .eq("d.referenceId", "ref", filter.referenceId())
                .eq("d.manufacturer", "manufacturer", filter.manufacturer())
                .eq("d.manufacturerDeviceId", "mdid", filter.manufacturerDeviceId())
                .eq("d.deviceType", "type", filter.type())
                .eq("d.model", "model", filter.model())
                .eq("d.siteId", "site", filter.siteId());
        return Queries.page(find(q.hql(ORDER), q.params()), page);
    }

    public Uni<List<Device>> ofSites(List<String> siteIds) {
        if (siteIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("siteId in ?1 order by createdAt, id", siteIds);
    }

    /**
     * Devices not flagged yet whose last reading (or registration, if none) is older than {@code cutoff},
     * locked {@code FOR UPDATE}: a replica sweeping at the same time waits, and PostgreSQL re-checks the
     * condition on the rows it then gets, so no device is flagged (and announced) twice.
     */
    public Uni<List<Device>> silentSince(OffsetDateTime cutoff, int limit) {
        return find("from Device d where d.connectivityLost = false and coalesce(d.lastSeen, d.createdAt) < :cutoff"
                + " order by d.id", Map.of("cutoff", cutoff))
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .range(0, limit - 1).list();
    }

    /** The organization's distinct device manufacturers, with the device types registered for each. */
    public Uni<List<Object[]>> manufacturers(String organizationId) {
        return getSession().flatMap(s -> s.createQuery("select d.manufacturer, d.deviceType from Device d "
                + "where d.organizationId = :org and d.manufacturer is not null group by d.manufacturer, d.deviceType",
                Object[].class).setParameter("org", organizationId).getResultList());
    }
}
