package dev.gridservices.localstack.gateway;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The public edge's route table (deploy/routes.yaml): path prefixes on whole segments, {@code {name}}
 * for one segment, most specific route first. Paths under {@code /internal} and {@code /q} are never
 * routed.
 */
public final class RouteTable {

    /** Where the table lives inside the launcher jar (copied there from deploy/ at build time). */
    public static final String CLASSPATH_LOCATION = "deploy/routes.yaml";

    private static final List<String> NEVER_ROUTED = List.of("internal", "q");
    /** The local gateway's own pages (the merged API document, Swagger UI): no service may take them. */
    private static final List<String> GATEWAY_OWN = List.of("docs", "openapi.json");

    private final Map<String, Integer> servicePorts;
    private final List<Route> routes;

    private RouteTable(Map<String, Integer> servicePorts, List<Route> routes) {
        this.servicePorts = Collections.unmodifiableMap(new LinkedHashMap<>(servicePorts));
        this.routes = routes.stream().sorted(Route.MOST_SPECIFIC_FIRST).toList();
    }

    /** One route: a path prefix and the service that answers it. */
    public record Route(String path, String service, List<String> segments) {

        static final Comparator<Route> MOST_SPECIFIC_FIRST = Comparator
                .comparingInt((Route route) -> route.segments.size()).reversed()
                .thenComparing(Comparator.comparingLong(Route::literalSegments).reversed());

        long literalSegments() {
            return segments.stream().filter(segment -> !isParameter(segment)).count();
        }

        boolean matches(List<String> pathSegments) {
            if (pathSegments.size() < segments.size()) {
                return false;
            }
            for (int i = 0; i < segments.size(); i++) {
                String expected = segments.get(i);
                if (!isParameter(expected) && !expected.equals(pathSegments.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The YAML document: {@code services: {name: {port}}} and {@code routes: [{path, service}]}. */
    record Document(Map<String, ServiceEntry> services, List<RouteEntry> routes) {
    }

    record ServiceEntry(int port) {
    }

    record RouteEntry(String path, String service) {
    }

    public static RouteTable fromClasspath() {
        try (InputStream in = RouteTable.class.getClassLoader().getResourceAsStream(CLASSPATH_LOCATION)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH_LOCATION + " is not on the classpath");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RouteTable fromFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read route table " + file, e);
        }
    }

    static RouteTable parse(InputStream yaml) throws IOException {
        Document document = new ObjectMapper(new YAMLFactory())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                .readValue(yaml, Document.class);
        if (document.services() == null || document.routes() == null) {
            throw new IllegalArgumentException("The route table needs both 'services' and 'routes'");
        }
        Map<String, Integer> ports = new LinkedHashMap<>();
        document.services().forEach((name, entry) -> ports.put(name, entry.port()));
        List<Route> routes = new ArrayList<>();
        Set<String> paths = new HashSet<>();
        for (RouteEntry entry : document.routes()) {
            Route route = validated(entry, ports);
            if (!paths.add(route.path())) {
                throw new IllegalArgumentException("The route table lists " + route.path() + " twice");
            }
            routes.add(route);
        }
        return new RouteTable(ports, routes);
    }

    private static Route validated(RouteEntry entry, Map<String, Integer> ports) {
        if (entry.path() == null || !entry.path().startsWith("/") || entry.path().endsWith("/")) {
            throw new IllegalArgumentException("Route path must start and not end with '/': " + entry.path());
        }
        if (!ports.containsKey(entry.service())) {
            throw new IllegalArgumentException("Route " + entry.path() + " names unknown service " + entry.service());
        }
        List<String> segments = segments(entry.path());
        if (NEVER_ROUTED.contains(segments.get(0))) {
            throw new IllegalArgumentException("/" + segments.get(0) + " is never routed: " + entry.path());
        }
        if (GATEWAY_OWN.contains(segments.get(0))) {
            throw new IllegalArgumentException("/" + segments.get(0) + " is the gateway's own page: " + entry.path());
        }
        if (isParameter(segments.get(0))) {
            throw new IllegalArgumentException("A route must start with a literal segment: " + entry.path());
        }
        return new Route(entry.path(), entry.service(), segments);
    }

    /** The route for a request path, if any; non-canonical paths and never-routed prefixes have none. */
    public Optional<Route> match(String path) {
        if (!isCanonical(path)) {
            return Optional.empty();
        }
        List<String> pathSegments = segments(path);
        if (pathSegments.isEmpty() || NEVER_ROUTED.contains(pathSegments.get(0))) {
            return Optional.empty();
        }
        return routes.stream().filter(route -> route.matches(pathSegments)).findFirst();
    }

    /**
     * Whether a raw request path is in the form a service will see it: absolute, no empty, "." or ".."
     * segments and no encoded separators or dots — anything else could reach a path the table never
     * routes once the service normalizes it.
     */
    public static boolean isCanonical(String path) {
        if (path == null || !path.startsWith("/") || path.contains("\\")) {
            return false;
        }
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("%2e") || lower.contains("%00")) {
            return false;
        }
        String[] parts = path.substring(1).split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean trailingSlash = i == parts.length - 1 && part.isEmpty() && parts.length > 1;
            if ((part.isEmpty() && !trailingSlash) || part.equals(".") || part.equals("..")) {
                return false;
            }
        }
        return true;
    }

    public Map<String, Integer> servicePorts() {
        return servicePorts;
    }

    public List<Route> routes() {
        return routes;
    }

    private static List<String> segments(String path) {
        return Arrays.stream(path.substring(1).split("/")).filter(segment -> !segment.isEmpty()).toList();
    }

    private static boolean isParameter(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }
}
