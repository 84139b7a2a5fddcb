package dev.gridservices.device.rest;

import dev.gridservices.device.service.Actor;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.kit.problem.ProblemType;
import dev.gridservices.security.CallerContext;
import dev.gridservices.security.CredentialType;
import jakarta.enterprise.context.RequestScoped;
import java.util.Arrays;

/**
 * Who may call what, in one place (the security kit has authenticated the caller and checked the
 * declarative credential type and organization kind):
 * <ul>
 *   <li>/v2 (VENs, resources, sites) is the OEM side: a bearer token needs one of the endpoint's scopes; the
 *       organization's SERVER key acts for the whole organization and needs none. A token with {@code ven_id}
 *       acts for that VEN only.</li>
 *   <li>/v1 is the core API: a SERVER key, acting for its organization. A utility's key also reads the OEM
 *       devices live in an enrollment in its programs, and nothing else of an OEM (the visibility rule,
 *       docs/architecture.md); it changes none of them.</li>
 * </ul>
 */
@RequestScoped
public class Access {

    /** Scopes of the /v2 OEM side (VENs, resources, sites): reading, and changing. */
    private static final String[] OEM_READ = {"read_ven_objects", "write_vens"};
    private static final String[] OEM_WRITE = {"write_vens"};

    private final CallerContext context;

    public Access(CallerContext context) {
        this.context = context;
    }

    /** An OpenADR caller holding one of {@code scopes} (a SERVER key holds them all). */
    private Actor openAdr(String... scopes) {
        if (context.credentialType() == CredentialType.BEARER_TOKEN
                && Arrays.stream(scopes).noneMatch(context::hasScope)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "This endpoint needs one of the scopes: "
                    + String.join(", ", scopes));
        }
        return actor();
    }

    /** A reader of the caller's VENs, resources and sites (/v2): {@code read_ven_objects} or {@code write_vens}. */
    public Actor oemReader() {
        return openAdr(OEM_READ);
    }

    /** A writer of the caller's VENs, resources and sites (/v2): {@code write_vens}. */
    public Actor oemWriter() {
        return openAdr(OEM_WRITE);
    }

    /**
     * A reader of a program's fleet capacity over OpenADR: a utility's token needs {@code write_programs} or
     * {@code read_all} (the utility side), an OEM's {@code read_ven_objects} or {@code write_vens}.
     */
    public Actor capacityReader() {
        return context.isUtility() ? openAdr("write_programs", "read_all") : oemReader();
    }

    /** A core API (/v1) caller. */
    public Actor coreApi() {
        return actor();
    }

    private Actor actor() {
        boolean token = context.credentialType() == CredentialType.BEARER_TOKEN;
        return new Actor(context.organizationId(), context.workspaceId(), token ? context.venId() : null,
                token ? context.clientId() : null, context.isUtility());
    }
}
