package dev.gridservices.device.rest;

import dev.gridservices.device.service.ManufacturerCatalog;
import dev.gridservices.security.CredentialType;
import dev.gridservices.security.RequiresCredential;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Manufacturers: the supported integrations (shipped) and, for the caller, those of its registered devices. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Manufacturers")
public class ManufacturerResource {

    /** core-api-v1 PublicManufacturers item. */
    public record PublicManufacturer(String name, String slug, String supportLevel, boolean supportsGridServices,
                                     List<String> deviceTypes, String logoUrl) {
    }

    private final Access access;
    private final ManufacturerCatalog catalog;

    public ManufacturerResource(Access access, ManufacturerCatalog catalog) {
        this.access = access;
        this.catalog = catalog;
    }

    @GET
    @Path("/manufacturers")
    @RequiresCredential(CredentialType.SERVER_KEY)
    @SecurityRequirement(name = "apiKey")
    @Operation(summary = "Manufacturers", description = "The supported manufacturers plus those of the caller's "
            + "registered devices (x-static:MANUFACTURER), with their device types, by slug.")
    @APIResponse(responseCode = "200", description = "[{name, slug, deviceTypes}]")
    @APIResponse(responseCode = "401", description = "No or invalid API key")
    @APIResponse(responseCode = "403", description = "Not a SERVER API key")
    public Uni<List<ManufacturerCatalog.Entry>> manufacturers() {
        return catalog.of(access.coreApi().organizationId());
    }

    @GET
    @Path("/public/manufacturers")
    @SecurityRequirements
    @Operation(summary = "Supported manufacturers (public)", description = "No credentials needed.")
    @APIResponse(responseCode = "200", description = "[{name, slug, supportLevel, supportsGridServices, deviceTypes, logoUrl}]")
    public List<PublicManufacturer> publicManufacturers() {
        return catalog.shipped().stream().map(s -> new PublicManufacturer(s.name(), s.slug(), s.supportLevel(),
                s.supportsGridServices(), s.deviceTypes(),
                "https://brands.texturehq.com/brands/icon/64/" + s.slug() + ".png")).toList();
    }
}
