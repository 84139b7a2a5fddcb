package dev.gridservices.device.rest;

import dev.gridservices.device.mapping.SiteViews;
import dev.gridservices.device.service.SiteService;
import dev.gridservices.kit.paging.SkipLimit;
import dev.gridservices.kit.paging.SkipLimitParams;
import dev.gridservices.security.CredentialType;
import dev.gridservices.security.OrganizationKind;
import dev.gridservices.security.RequiresCredential;
import dev.gridservices.security.RequiresOrganizationKind;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Sites, Direct API shape (/v2/x-texture/sites, §4): the address is validated, geocoded offline and matched
 * to a utility service territory (§10.3) on every create and address change.
 */
@Path("/v2/x-texture/sites")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Sites (Direct API)")
@RequiresCredential({CredentialType.BEARER_TOKEN, CredentialType.SERVER_KEY})
@RequiresOrganizationKind(OrganizationKind.OEM)
@SecurityRequirement(name = "bearerAuth", scopes = {"read_ven_objects", "write_vens"})
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "401", description = "No or invalid credentials")
@APIResponse(responseCode = "403", description = "Not an OEM organization, wrong credential type or missing scope")
@APIResponse(responseCode = "429", description = "Device management rate limit; see Retry-After")
public class SiteResource {

    private final Access access;
    private final SiteService sites;
    private final SiteViews views;

    public SiteResource(Access access, SiteService sites, SiteViews views) {
        this.access = access;
        this.sites = sites;
        this.views = views;
    }

    @POST
    @Operation(summary = "Create a site", description = "201 for every territory outcome (matched, partial, "
            + "ambiguous = accepted pending review, no_match, invalid_location); programEligible is true only "
            + "when matched.")
    @APIResponse(responseCode = "201", description = "Created, with the territory outcome")
    @APIResponse(responseCode = "400", description = "Invalid address (the problem names the field)")
    public Uni<Response> create(SiteViews.SiteRequest body) {
        return sites.create(access.oemWriter(), views.toDraft(body))
                .map(s -> Response.created(UriBuilder.fromPath("/v2/x-texture/sites/{id}").build(s.id))
                        .entity(views.toV2(s)).build());
    }

    @GET
    @Operation(summary = "List sites", description = "The caller's sites (a VEN-bound client: its VEN's), oldest first.")
    @APIResponse(responseCode = "200", description = "Sites")
    @APIResponse(responseCode = "400", description = "skip or limit out of range")
    public Uni<List<SiteViews.SiteV2>> list(@BeanParam SkipLimitParams paging) {
        SkipLimit window = paging.toSkipLimit();
        return sites.window(access.oemReader(), window.skip(), window.limit())
                .map(list -> list.stream().map(views::toV2).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a site")
    @APIResponse(responseCode = "200", description = "The site")
    @APIResponse(responseCode = "404", description = "No such site visible to the caller")
    public Uni<SiteViews.SiteV2> get(@PathParam("id") String id) {
        Params.checkId(id);
        return sites.get(access.oemReader(), id).map(views::toV2);
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Replace a site", description = "A changed address is matched again.")
    @APIResponse(responseCode = "200", description = "The updated site")
    @APIResponse(responseCode = "400", description = "Invalid address (the problem names the field)")
    @APIResponse(responseCode = "404", description = "No such site visible to the caller")
    public Uni<SiteViews.SiteV2> replace(@PathParam("id") String id, SiteViews.SiteRequest body) {
        Params.checkId(id);
        // A bad body is a 400 before the site is even looked up.
        views.toDraft(body);
        return sites.update(access.oemWriter(), id, current -> views.replace(current, body))
                .map(views::toV2);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a site", description = "Only a site no device is linked to.")
    @APIResponse(responseCode = "200", description = "The deleted site")
    @APIResponse(responseCode = "404", description = "No such site visible to the caller")
    @APIResponse(responseCode = "409", description = "Devices are still linked to the site")
    public Uni<SiteViews.SiteV2> delete(@PathParam("id") String id) {
        Params.checkId(id);
        return sites.delete(access.oemWriter(), id).map(views::toV2);
    }
}
