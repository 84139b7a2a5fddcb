package dev.gridservices.device.rest;

import dev.gridservices.device.mapping.SiteViews;
import dev.gridservices.device.service.SiteService;
import dev.gridservices.kit.paging.Page;
import dev.gridservices.kit.paging.PageParams;
import dev.gridservices.security.CredentialType;
import dev.gridservices.security.RequiresCredential;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Sites, core API shape (/v1/sites): the same sites as /v2/x-texture/sites. SERVER API key. */
@Path("/v1/sites")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Sites")
@RequiresCredential(CredentialType.SERVER_KEY)
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "401", description = "No or invalid API key")
@APIResponse(responseCode = "403", description = "Not a SERVER API key")
@APIResponse(responseCode = "429", description = "Device management rate limit; see Retry-After")
public class CoreSiteResource {

    private final Access access;
    private final SiteService sites;
    private final SiteViews views;

    public CoreSiteResource(Access access, SiteService sites, SiteViews views) {
        this.access = access;
        this.sites = sites;
        this.views = views;
    }

    @GET
    @Operation(summary = "List sites", description = "referenceId filters; page 1..1000, perPage 1..100 (default 100).")
    @APIResponse(responseCode = "200", description = "{data, page, perPage, totalItems, totalPages}")
    public Uni<Page<SiteViews.CoreSite>> list(@QueryParam("referenceId") String referenceId,
                                              @BeanParam PageParams paging) {
        return sites.page(access.coreApi(), referenceId, Params.page(paging)).map(p -> p.map(views::toV1));
    }

    @POST
    @Operation(summary = "Create a site", description = "streetOne, city, state (2-letter), postalCode (5-digit), "
            + "country (US); latitude/longitude optional (else the ZIP centroid).")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid address (the problem names the field)")
    public Uni<Response> create(SiteViews.CoreSiteRequest body) {
        return sites.create(access.coreApi(), views.toDraft(body))
                .map(s -> Response.created(UriBuilder.fromPath("/v1/sites/{id}").build(s.id)).entity(views.toV1(s))
                        .build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a site")
    @APIResponse(responseCode = "200", description = "The site")
    @APIResponse(responseCode = "404", description = "No such site of the caller's organization")
    public Uni<SiteViews.CoreSite> get(@PathParam("id") String id) {
        return sites.get(access.coreApi(), id).map(views::toV1);
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Update a site", description = "The given fields replace the current ones; a changed "
            + "address is matched again.")
    @APIResponse(responseCode = "200", description = "The updated site")
    @APIResponse(responseCode = "400", description = "Invalid address (the problem names the field)")
    @APIResponse(responseCode = "404", description = "No such site of the caller's organization")
    public Uni<SiteViews.CoreSite> patch(@PathParam("id") String id, SiteViews.CoreSiteRequest body) {
        return sites.update(access.coreApi(), id, current -> views.merge(current, body)).map(views::toV1);
    }
}
