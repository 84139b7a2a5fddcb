package dev.gridservices.auth.rest;

import dev.gridservices.auth.repository.SigningKey;
import dev.gridservices.auth.service.SigningKeyService;
import dev.gridservices.security.CredentialType;
import dev.gridservices.security.RequiresCredential;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Token signing keys: list and rotate. Caller: the platform admin only. */
@Path("/v1/signing-keys")
@Tag(name = "signing-keys")
@SecurityRequirement(name = "apiKey")
@RequiresCredential(CredentialType.PLATFORM_ADMIN_KEY)
@Produces(MediaType.APPLICATION_JSON)
public class SigningKeyResource {

    /** A signing key without its key material. */
    public record SigningKeyView(String kid, String alg, String state, String createdAt, String activatedAt,
                                 String retiredAt, String publishUntil) {
        static SigningKeyView of(SigningKey k) {
            return new SigningKeyView(k.kid, k.alg, k.state.name(), k.createdAt.toString(), str(k.activatedAt),
                    str(k.retiredAt), str(k.publishUntil));
        }

        private static String str(Object o) {
            return o == null ? null : o.toString();
        }
    }

    private final SigningKeyService signingKeys;

    public SigningKeyResource(SigningKeyService signingKeys) {
        this.signingKeys = signingKeys;
    }

    @GET
    @Operation(summary = "List signing keys and their states")
    public Uni<List<SigningKeyView>> list() {
        return signingKeys.keys()
                .chain(() -> signingKeys.list())
                .map(keys -> keys.stream().map(SigningKeyView::of).toList());
    }

    @POST
    @Path("/rotate")
    @Operation(summary = "Rotate the signing key",
            description = "The waiting (published) key starts signing, the signing key is retired but stays published "
                    + "until its tokens expire, and a new waiting key is published. 409 if the waiting key is younger "
                    + "than auth.signing-keys.next-key-min-age.")
    public Uni<List<SigningKeyView>> rotate() {
        return signingKeys.keys()
                .chain(() -> signingKeys.rotate())
                .map(keys -> keys.stream().map(SigningKeyView::of).toList());
    }
}
