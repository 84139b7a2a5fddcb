package dev.gridservices.programs.rest;

import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.kit.problem.ProblemType;
import dev.gridservices.kit.tenancy.Tenant;
import dev.gridservices.programs.service.Caller;
import dev.gridservices.security.CallerContext;
import jakarta.enterprise.context.RequestScoped;
import java.util.Arrays;

/**
 * Who the request acts for, and the 403s the declarative checks cannot express. The security kit has
 * already authenticated the request (no or bad credentials never get here: 401) and enforced the resource's
 * {@code @RequiresCredential} / {@code @RequiresOrganizationKind}:
 * <ul>
 *   <li>/v1 (core API): SERVER API keys; program writes and offers are the utility's (and the platform
 *       admin's), instance writes the utility's; OEM keys read what was offered to them.</li>
 *   <li>/v2 (OpenADR): bearer tokens or keys with an OpenADR scope, checked here because the platform admin
 *       (whose key carries no scopes) may write programs too.</li>
 * </ul>
 */
@RequestScoped
public class Access {

    /** OpenADR 3.1 names read_targets for VENs; the Direct API's read_programs and the BL's read_all also read. */
    static final String[] READ_SCOPES = {"read_programs", "read_targets", "read_all"};
    static final String WRITE_SCOPE = "write_programs";

    private final CallerContext context;

    public Access(CallerContext context) {
        this.context = context;
    }

    /** The caller, after the resource's declarative checks. */
    public Caller caller() {
        if (context.isPlatformAdmin()) {
            return Caller.admin();
        }
        return Caller.tenant(Tenant.of(context.organizationId(), context.workspaceId()), context.organizationKind(),
                context.venId());
    }

    /** The caller of an OpenADR read: one of {@link #READ_SCOPES}, or the platform admin. */
    public Caller openAdrRead() {
        if (!context.isPlatformAdmin() && Arrays.stream(READ_SCOPES).noneMatch(context::hasScope)) {
            throw forbidden("This needs one of the scopes " + String.join(", ", READ_SCOPES));
        }
        return caller();
    }

    /** The caller of an OpenADR program write: scope write_programs (its kind is checked declaratively), or the admin. */
    public Caller openAdrWrite() {
        if (!context.isPlatformAdmin() && !context.hasScope(WRITE_SCOPE)) {
            throw forbidden("This needs the scope " + WRITE_SCOPE);
        }
        return caller();
    }

    private static ProblemException forbidden(String detail) {
        return new ProblemException(ProblemType.FORBIDDEN, detail);
    }
}
