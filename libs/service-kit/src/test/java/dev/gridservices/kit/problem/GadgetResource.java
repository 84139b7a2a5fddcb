package dev.gridservices.kit.problem;

import dev.gridservices.kit.paging.PageRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/** A resource of the test application that exercises each kind of error. */
@Path("/gadgets")
@Produces(MediaType.APPLICATION_JSON)
public class GadgetResource {

    public record Part(@NotBlank String name) {
    }

    public record Gadget(@NotBlank String name, @Pattern(regexp = "[A-Z]{2}") String state,
                         Instant installedAt, List<@Valid Part> parts) {
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
    @Path("/boom")
    public String boom() {
        throw new IllegalStateException("secret internals");
    }
}
