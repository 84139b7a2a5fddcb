package dev.gridservices.enrollment.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;

/** One lifecycle transition (append-only: the database refuses updates and deletes). */
@Entity
@Table(name = "enrollment_transition")
public class Transition extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "enrollment_id")
    public String enrollmentId;
    @Column(name = "from_state")
    public String fromState;
    @Column(name = "to_state")
    public String toState;
    public String cause;
    public String actor;
    public String detail;
    @Column(name = "occurred_at")
    public OffsetDateTime occurredAt;
    @Column(name = "recorded_at")
    public OffsetDateTime recordedAt;
}
