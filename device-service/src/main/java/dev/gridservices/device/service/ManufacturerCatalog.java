package dev.gridservices.device.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridservices.device.repository.DeviceRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Manufacturers: a shipped list ({@code catalog/manufacturers.json}: integrations the platform supports)
 * merged with the manufacturers of the organization's registered devices (x-static:MANUFACTURER), each
 * with its device types.
 */
@ApplicationScoped
public class ManufacturerCatalog {

    /** One shipped entry (core-api-v1 PublicManufacturers item). */
    public record Shipped(String name, String slug, String supportLevel, boolean supportsGridServices,
                          List<String> deviceTypes) {
    }

    /** A manufacturer with the device types known for it (core-api-v1 Manufacturers item). */
    public record Entry(String name, String slug, List<String> deviceTypes) {
    }

    private final DeviceRepository devices;
    private final List<Shipped> shipped;

    public ManufacturerCatalog(DeviceRepository devices, ObjectMapper mapper) {
        this.devices = devices;
        try (InputStream in = ManufacturerCatalog.class.getResourceAsStream("/catalog/manufacturers.json")) {
            this.shipped = List.copyOf(mapper.readValue(in, new TypeReference<List<Shipped>>() {
            }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Shipped> shipped() {
        return shipped;
    }

    /** The shipped list plus every manufacturer named by one of the organization's devices, by slug. */
    @WithSession
    public Uni<List<Entry>> of(String organizationId) {
        return devices.manufacturers(organizationId).map(rows -> {
            Map<String, String> names = new LinkedHashMap<>();
            Map<String, TreeSet<String>> types = new LinkedHashMap<>();
            shipped.forEach(s -> {
                names.put(s.slug(), s.name());
                types.put(s.slug(), new TreeSet<>(s.deviceTypes()));
            });
            for (Object[] row : rows) {
                String name = (String) row[0];
                String slug = slug(name);
                names.putIfAbsent(slug, name);
                types.computeIfAbsent(slug, k -> new TreeSet<>()).add(DeviceKind.wireType((String) row[1]));
            }
            List<Entry> out = new ArrayList<>();
            names.forEach((slug, name) -> out.add(new Entry(name, slug, List.copyOf(types.get(slug)))));
            out.sort(java.util.Comparator.comparing(Entry::slug));
            return out;
        });
    }

    static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
