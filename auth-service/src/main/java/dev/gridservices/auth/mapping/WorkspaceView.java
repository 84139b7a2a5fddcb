package dev.gridservices.auth.mapping;

import dev.gridservices.auth.repository.Workspace;

public record WorkspaceView(String id, String organizationId, String name, String createdAt) {

    public static WorkspaceView of(Workspace w) {
        return new WorkspaceView(w.id.toString(), w.organizationId.toString(), w.name, w.createdAt.toString());
    }
}
