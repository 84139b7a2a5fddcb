package dev.gridservices.enrollment.service;

import dev.gridservices.enrollment.mapping.LeadInput;
import dev.gridservices.enrollment.repository.Lead;
import dev.gridservices.kit.json.JsonText;
import dev.gridservices.kit.paging.Page;
import dev.gridservices.kit.paging.PageRequest;
import dev.gridservices.kit.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/** Leads of the caller's organization (core API /v1/leads); a leadId enrollment reads its customer from here. */
@ApplicationScoped
public class LeadService {

    private final Lifecycle lifecycle;
    private final JsonText json;

    public LeadService(Lifecycle lifecycle, JsonText json) {
        this.lifecycle = lifecycle;
        this.json = json;
    }

    public Uni<Lead> create(String org, String workspaceId, LeadInput in) {
        if (in.email() == null || in.email().isBlank()) {
            throw ProblemException.invalid("email", "is required");
        }
        if (!CoreEnrollmentService.EMAIL.matcher(in.email()).matches()) {
            throw ProblemException.invalid("email", "must be an email address");
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (in.metadata() != null && !in.metadata().isNull()) {
            if (!in.metadata().isObject()) {
                throw ProblemException.invalid("metadata", "must be an object");
            }
            if (in.metadata().size() > 100) {
                throw ProblemException.invalid("metadata", "at most 100 keys");
            }
            in.metadata().properties().forEach(f -> {
                if (!f.getValue().isTextual()) {
                    throw ProblemException.invalid("metadata." + f.getKey(), "must be a string");
                }
                metadata.put(f.getKey(), f.getValue().asText());
            });
        }
        Lead lead = new Lead();
        lead.id = Ids.next();
        lead.organizationId = org;
        lead.workspaceId = workspaceId;
        lead.email = in.email();
        lead.firstName = in.firstName();
        lead.lastName = in.lastName();
        lead.phone = in.phone();
        lead.address1 = in.address1();
        lead.address2 = in.address2();
        lead.city = in.city();
        lead.state = in.state();
        lead.postalCode = in.postalCode();
        lead.country = in.country();
        lead.metadata = json.write(metadata);
        lead.createdAt = lifecycle.now();
        lead.updatedAt = lead.createdAt;
        return Panache.withTransaction(() -> lead.persist().replaceWith(lead));
    }

    public Uni<Page<Lead>> list(String org, PageRequest page) {
        return Panache.withSession(() -> {
            var query = Lead.<Lead>find("organizationId", Sort.by("createdAt").and("id"), org);
            return query.count().flatMap(total -> query
                    .page(io.quarkus.panache.common.Page.of(page.page() - 1, page.perPage())).list()
                    .map(rows -> Page.of(rows, page, total)));
        });
    }
}
