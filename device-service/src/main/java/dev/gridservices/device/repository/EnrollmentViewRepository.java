package dev.gridservices.device.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class EnrollmentViewRepository implements PanacheRepositoryBase<EnrollmentView, String> {

    /** HQL: the ids of the devices live in an enrollment of the utility {@code :org} (visibility rule). */
    static final String LIVE_DEVICES_OF_UTILITY = "select e.deviceId from EnrollmentView e"
            + " where e.utilityOrganizationId = :org and e.ended = false and e.state in ('enrolled', 'active')";
}
