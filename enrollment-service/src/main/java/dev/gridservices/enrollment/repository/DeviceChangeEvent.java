package dev.gridservices.enrollment.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import jakarta.persistence.IdClass;
import java.io.Serializable;
import java.util.Objects;

/** A received revocation/change event, kept by its idempotency id so a replay changes nothing. */
@Entity
@Table(name = "device_change_event")
@IdClass(DeviceChangeEvent.Key.class)
public class DeviceChangeEvent extends PanacheEntityBase {
    @Id
    @Column(name = "organization_id")
    public String organizationId;
    @Id
    @Column(name = "event_id")
    public String eventId;
    public String type;
    @Column(name = "device_id")
    public String deviceId;
    @Column(name = "occurred_at")
    public OffsetDateTime occurredAt;
    @Column(name = "received_at")
    public OffsetDateTime receivedAt;
    /** applied (changed at least one enrollment) or stale (older than what was applied) or none. */
    public String outcome;
    public String body;

    public static class Key implements Serializable {
        public String organizationId;
        public String eventId;

        public Key() {
        }

        public Key(String organizationId, String eventId) {
            this.organizationId = organizationId;
            this.eventId = eventId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(organizationId, k.organizationId)
                    && Objects.equals(eventId, k.eventId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(organizationId, eventId);
        }
    }
}
