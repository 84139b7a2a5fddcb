package dev.gridservices.enrollment.mapping;

import java.time.OffsetDateTime;

/**
 * A revocation or change event (direct-api-v2 §10.6): {@code eventId} is the client's idempotency id,
 * {@code occurredAt} orders events. Per type: consent_revoked needs {@code source}; decommissioned
 * {@code reason}; relocated {@code newSiteID}; ownership_transferred {@code previousOwner} and
 * {@code newOwner}; connectivity_lost {@code lastSeenAt}.
 */
public record DeviceEventRequest(String eventId, String type, String resourceID, OffsetDateTime occurredAt,
                                 String source, String reason, String previousSiteID, String newSiteID,
                                 String previousOwner, String newOwner, OffsetDateTime lastSeenAt) {
}
