package dev.gridservices.device.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class VenRepository implements PanacheRepositoryBase<Ven, String> {

    private static final String ORDER = "v.venName, v.id";

    public Uni<Ven> findVisible(String id, Scope scope) {
        Queries q = Queries.scoped("Ven", "v", scope, "id").eq("v.id", "id", id);
        return find(q.hql(ORDER), q.params()).firstResult();
    }

    public Uni<List<Ven>> search(Scope scope, String venName, List<String> targets, int skip, int limit) {
        Queries q = Queries.scoped("Ven", "v", scope, "id").eq("v.venName", "name", venName)
                .anyOf("v.targets", "target", targets);
        return Queries.window(find(q.hql(ORDER), q.params()), skip, limit);
    }

    public Uni<Long> countDevices(String venId) {
        return Device.count("venId", venId);
    }
}
