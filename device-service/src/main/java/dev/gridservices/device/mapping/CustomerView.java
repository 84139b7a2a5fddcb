package dev.gridservices.device.mapping;

import java.time.OffsetDateTime;
import java.util.List;

/** core-api-v1 Customer. */
public record CustomerView(String id, String workspaceId, String referenceId, String firstName, String lastName,
                           String email, String phone, List<String> connectedSiteIds, List<String> connectedDeviceIds,
                           OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
