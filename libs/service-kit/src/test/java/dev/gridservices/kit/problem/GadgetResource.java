package dev.gridservices.kit.problem;

import dev.gridservices.kit.paging.PageParams;
import dev.gridservices.kit.paging.PageRequest;
import dev.gridservices.kit.paging.SkipLimit;
import dev.gridservices.kit.paging.SkipLimitParams;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A resource of the test application that exercises each kind of error. */
@Path("/gadgets")
@Produces(MediaType.APPLICATION_JSON)
public class GadgetResource {

    public record Part(@NotBlank String name) {
    }

    public record Gadget(@NotBlank String name, @Pattern(regexp = "[A-Z]{2}") String state,
                         Instant installedAt, List<@Valid Part> parts) {
    }

    public enum Kind { BATTERY, THERMOSTAT }

    /** One field of each scalar kind, to see that none is coerced from another JSON type. */
    public record Settings(String slug, Boolean enabled, Integer count, int priority, Kind kind,
                           List<String> tags, Map<String, Object> attributes) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Gadget create(@NotNull @Valid Gadget gadget) {
        return gadget;
    }

    @GET
    public PageRequest list(@QueryParam("page") Integer page, @QueryParam("perPage") Integer perPage,
                            @QueryParam("limit") @Max(50) Integer limit) {
        return PageRequest.of(page, perPage);
    }

    @GET
    @Path("/paged")
    public PageRequest paged(@BeanParam PageParams paging) {
        return paging.toPageRequest();
    }

    @GET
    @Path("/paged-by-hundred")
    public PageRequest pagedByHundred(@BeanParam PageParams paging) {
        return paging.toPageRequest(100, 100);
    }

    @GET
    @Path("/windowed")
    public SkipLimit windowed(@BeanParam SkipLimitParams paging) {
        return paging.toSkipLimit();
    }

    @GET
    @Path("/typed")
    public Map<String, Object> typed(@QueryParam("count") Integer count, @QueryParam("since") UUID since) {
        return Map.of("count", String.valueOf(count), "since", String.valueOf(since));
    }

    @GET
    @Path("/by-id/{id}")
    public String byId(@PathParam("id") UUID id) {
        return id.toString();
    }

    @POST
    @Path("/settings")
    @Consumes(MediaType.APPLICATION_JSON)
    public Settings settings(Settings settings) {
        return settings;
    }

    @POST
    @Path("/form")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Map<String, String> form(@FormParam("name") String name) {
        return Map.of("name", String.valueOf(name));
    }

    @GET
    @Path("/boom")
    public String boom() {
        throw new IllegalStateException("secret internals");
    }
}
