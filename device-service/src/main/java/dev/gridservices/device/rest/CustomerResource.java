package dev.gridservices.device.rest;

import dev.gridservices.device.mapping.CustomerView;
import dev.gridservices.device.mapping.SiteViews;
import dev.gridservices.device.repository.Customer;
import dev.gridservices.device.service.Actor;
import dev.gridservices.device.service.CustomerDraft;
import dev.gridservices.device.service.CustomerService;
import dev.gridservices.device.service.DeviceService;
import dev.gridservices.kit.paging.Page;
import dev.gridservices.kit.paging.PageParams;
import dev.gridservices.kit.paging.PageRequest;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.security.CredentialType;
import dev.gridservices.security.RequiresCredential;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Core API customers (/v1/customers): an organization's end customers and their sites. SERVER API key. */
@Path("/v1/customers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Customers")
@RequiresCredential(CredentialType.SERVER_KEY)
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "401", description = "No or invalid API key")
@APIResponse(responseCode = "403", description = "Not a SERVER API key")
@APIResponse(responseCode = "429", description = "Device management rate limit; see Retry-After")
public class CustomerResource {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    public record CustomerSites(List<SiteViews.CoreSite> sites) {
    }

    private final Access access;
    private final CustomerService customers;
    private final DeviceService devices;
    private final SiteViews siteViews;

    public CustomerResource(Access access, CustomerService customers, DeviceService devices, SiteViews siteViews) {
        this.access = access;
        this.customers = customers;
        this.devices = devices;
        this.siteViews = siteViews;
    }

    @POST
    @Operation(summary = "Create a customer", description = "referenceId is required.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid body (the problem names the field)")
    public Uni<Response> create(CustomerDraft body) {
        if (body == null || body.referenceId() == null || body.referenceId().isBlank()) {
            throw ProblemException.invalid("referenceId", "is required");
        }
        if (body.email() != null && !EMAIL.matcher(body.email()).matches()) {
            throw ProblemException.invalid("email", "must be an email address");
        }
        Actor actor = access.coreApi();
        return customers.create(actor, body).flatMap(c -> view(actor, c))
                .map(v -> Response.created(UriBuilder.fromPath("/v1/customers/{id}").build(v.id())).entity(v).build());
    }

    @GET
    @Operation(summary = "List customers", description = "referenceId filters; page 1..1000, perPage 1..100 (default 100).")
    @APIResponse(responseCode = "200", description = "{data, page, perPage, totalItems, totalPages}")
    public Uni<Page<CustomerView>> list(@QueryParam("referenceId") String referenceId, @BeanParam PageParams paging) {
        Actor actor = access.coreApi();
        PageRequest request = Params.page(paging);
        return customers.page(actor, referenceId, request).flatMap(p -> {
            Uni<List<CustomerView>> all = Uni.createFrom().item(List.of());
            for (Customer c : p.data()) {
                all = all.flatMap(list -> view(actor, c).map(v -> {
                    List<CustomerView> next = new java.util.ArrayList<>(list);
                    next.add(v);
                    return next;
                }));
            }
            return all.map(views -> Page.of(views, request, p.totalItems()));
        });
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a customer")
    @APIResponse(responseCode = "200", description = "The customer")
    @APIResponse(responseCode = "404", description = "No such customer of the caller's organization")
    public Uni<CustomerView> get(@PathParam("id") String id) {
        Actor actor = access.coreApi();
        return customers.get(actor, id).flatMap(c -> view(actor, c));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a customer", description = "Its sites stay, belonging to no customer.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such customer of the caller's organization")
    public Uni<Response> delete(@PathParam("id") String id) {
        return customers.delete(access.coreApi(), id).map(v -> Response.noContent().build());
    }

    @GET
    @Path("/{id}/sites")
    @Operation(summary = "A customer's sites")
    @APIResponse(responseCode = "200", description = "{sites}")
    @APIResponse(responseCode = "404", description = "No such customer of the caller's organization")
    public Uni<CustomerSites> sites(@PathParam("id") String id) {
        Actor actor = access.coreApi();
        return customers.get(actor, id).flatMap(c -> customers.sitesOf(actor, c))
                .map(list -> new CustomerSites(list.stream().map(siteViews::toV1).toList()));
    }

    private Uni<CustomerView> view(Actor actor, Customer c) {
        return customers.sitesOf(actor, c).flatMap(siteList -> {
            List<String> siteIds = siteList.stream().map(s -> s.id).toList();
            return devices.ofSites(siteIds).map(deviceList -> new CustomerView(c.id, c.workspaceId, c.referenceId,
                    c.firstName, c.lastName, c.email, c.phone, siteIds, deviceList.stream().map(d -> d.id).toList(),
                    c.createdAt, c.updatedAt));
        });
    }
}
