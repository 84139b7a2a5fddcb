package dev.gridservices.dispatch.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One HTTP attempt of a delivery: what the receiver answered (null on a timeout/connection error) and how fast. */
@Entity
@Table(name = "webhook_attempt")
public class WebhookAttempt extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "delivery_id")
    public String deliveryId;

    public int attempt;

    @Column(name = "attempted_at")
    public OffsetDateTime attemptedAt;

    @Column(name = "status_code")
    public Integer statusCode;

    @Column(name = "latency_ms")
    public long latencyMs;

    public String error;
}
