package dev.gridservices.programs.rest;

import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.kit.problem.ProblemType;
import dev.gridservices.programs.service.Caller;
import dev.gridservices.security.CallerContext;
import dev.gridservices.security.CredentialType;
import jakarta.enterprise.context.RequestScoped;

/**
 * Who may call which API, in one place. The security kit has already authenticated the request (no or
 * bad credentials never get here: 401); this decides 403s that scopes alone do not express.
 * <ul>
 *   <li>/v1 (core API) is for utilities and energy providers: a SERVER API key ({@code Texture-Api-Key}).
 *       Creating programs is part of that utility role, so POST /v1/programs needs the same key.</li>
 *   <li>/v2 (OpenADR) uses bearer tokens; scopes are checked with {@code @RequiresScope} on the methods.</li>
 * </ul>
 */
@RequestScoped
public class Access {

    private final CallerContext context;

    public Access(CallerContext context) {
        this.context = context;
    }

    /** The caller of a core API (/v1) endpoint; anything but a SERVER API key is 403. */
    public Caller coreApi() {
        if (context.credentialType() != CredentialType.SERVER_KEY) {
            throw new ProblemException(ProblemType.FORBIDDEN,
                    "The core API's program endpoints need a SERVER API key (Texture-Api-Key)");
        }
        return caller();
    }

    /** The caller of an OpenADR (/v2) endpoint, whose scopes were checked by {@code @RequiresScope}. */
    public Caller openAdr() {
        return caller();
    }

    private Caller caller() {
        return new Caller(context.organizationId(), context.workspaceId());
    }
}
