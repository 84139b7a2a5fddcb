package dev.gridservices.outbox;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** What the test consumer applied: one row per message it handled. */
@Entity
@Table(name = "widget_seen")
public class WidgetSeen extends PanacheEntityBase {
    @Id
    @Column(name = "message_id")
    public UUID messageId;
    @Column(name = "widget_id")
    public UUID widgetId;
}
