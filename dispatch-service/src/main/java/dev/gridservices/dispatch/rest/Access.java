package dev.gridservices.dispatch.rest;

import dev.gridservices.dispatch.service.Caller;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.kit.problem.ProblemType;
import dev.gridservices.security.CallerContext;
import jakarta.enterprise.context.RequestScoped;

/**
 * The caller of a request, after the security kit's declarative checks ({@code @RequiresScope},
 * {@code @RequiresOrganizationKind}) ran: no or bad credentials never get here (401).
 */
@RequestScoped
public class Access {

    private final CallerContext context;

    public Access(CallerContext context) {
        this.context = context;
    }

    public Caller caller() {
        if (context.organizationId() == null) {
            throw new ProblemException(ProblemType.FORBIDDEN, "This credential acts for no organization");
        }
        return new Caller(context.organizationId(), context.organizationKind(), context.venId(), context.workspaceId());
    }
}
