package dev.gridservices.programs.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridservices.openadr.ProgramAttributes;
import dev.gridservices.openadr.ValuesMap;
import dev.gridservices.programs.repository.ProgramType;
import dev.gridservices.programs.repository.Visibility;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Seeds the public catalog at startup from CommonGrid's real utility programs (ODbL 1.0; the derived
 * file seed/commongrid-programs.json ships with seed/LICENSE-commongrid.txt, and every seeded program
 * carries the attribution in its {@code x-texture:SOURCE} attribute). Programs already present (same id
 * or slug) are left alone, so restarts and replicas add nothing twice. Seeded programs are public,
 * active as CommonGrid says, typed demand_response (every CommonGrid program lists DEMAND_RESPONSE) and
 * owned by the platform ({@value ProgramService#PLATFORM}), which no tenant is: only the platform admin
 * changes them.
 */
@ApplicationScoped
public class CatalogSeeder {

    public static final String OWNER = ProgramService.PLATFORM;
    static final String RESOURCE = "/seed/commongrid-programs.json";
    static final String SOURCE_ATTRIBUTE = "x-texture:SOURCE";

    private static final Logger LOG = Logger.getLogger(CatalogSeeder.class);

    record SeedFile(String source, String license, String attribution, List<SeedProgram> programs) {
    }

    record SeedProgram(String id, String slug, String name, String description, List<String> states,
                       String website, String retailerName, String retailerLongName, boolean active,
                       OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    private final ProgramService programs;
    private final ObjectMapper mapper;
    private final Vertx vertx;
    private final boolean enabled;

    public CatalogSeeder(ProgramService programs, ObjectMapper mapper, Vertx vertx,
                         @ConfigProperty(name = "programs.seed.commongrid.enabled", defaultValue = "true")
                         boolean enabled) {
        this.programs = programs;
        this.mapper = mapper;
        this.vertx = vertx;
        this.enabled = enabled;
    }

    /** Seeds in the background on a Vert.x context, so startup does not wait for 607 inserts. */
    void onStart(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        VertxContextSupport.subscribe(() -> seed().toMulti(), subscribe -> subscribe.with(
                inserted -> LOG.infof("CommonGrid catalog seed: %d program(s) added", inserted),
                // The service is useful without the seed; the next start tries again.
                failure -> LOG.warnf(failure, "CommonGrid catalog seed failed; it is retried at the next start")));
    }

    /**
     * Adds the seed programs that are missing; returns how many were added. Reading and parsing the file
     * (blocking I/O, some milliseconds) runs on a worker thread; the inserts continue on the caller's Vert.x
     * context, where Hibernate Reactive must run.
     */
    public Uni<Integer> seed() {
        return vertx.executeBlocking(Uni.createFrom().item(this::entries))
                .flatMap(entries -> programs.seed(OWNER, entries));
    }

    private List<ProgramService.SeedEntry> entries() {
        SeedFile file = read();
        List<ProgramService.SeedEntry> entries = new ArrayList<>();
        for (SeedProgram p : file.programs()) {
            List<ValuesMap> attributes = new ArrayList<>();
            if (p.retailerName() != null) {
                attributes.add(ValuesMap.of(ProgramAttributes.RETAILER_NAME, p.retailerName()));
                attributes.add(ValuesMap.of(ProgramAttributes.RETAILER_LONG_NAME, p.retailerLongName()));
            }
            attributes.add(ValuesMap.of(SOURCE_ATTRIBUTE, file.attribution()));
            ProgramDraft draft = new ProgramDraft(p.slug(), p.name(), p.description(), p.states(), p.active(),
                    Visibility.PUBLIC, ProgramType.DEMAND_RESPONSE, null, null, null, null, null,
                    p.website() == null ? List.of() : List.of(p.website()), null, attributes, List.of());
            entries.add(new ProgramService.SeedEntry(p.id(), draft, p.createdAt()));
        }
        LOG.debugf("Parsed %d CommonGrid seed programs on thread %s", entries.size(), Thread.currentThread().getName());
        return entries;
    }

    private SeedFile read() {
        try (InputStream in = CatalogSeeder.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing");
            }
            return mapper.readValue(in, SeedFile.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
