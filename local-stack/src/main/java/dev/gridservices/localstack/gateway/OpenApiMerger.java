package dev.gridservices.localstack.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One OpenAPI document of the whole public API from the services' own documents: a path is kept only from
 * the service the route table sends it to (so {@code /internal/*}, {@code /q/*} and paths another service
 * answers at the edge drop out), components are merged, and the one server is the gateway.
 *
 * <p>Components with one name in several services: identical ones are shared; a differing one keeps its
 * name in the first service (route-table order) and is renamed {@code <Service>_<name>} in the later ones,
 * together with every reference to it ({@code $ref}, discriminator mappings, and for security schemes the
 * operations' security requirements). A service's top-level {@code security} moves into its operations,
 * since the merged document's top level speaks for every service.
 */
public final class OpenApiMerger {

    static final List<String> HTTP_METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final String COMPONENTS_REF = "#/components/";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final RouteTable routes;

    public OpenApiMerger(RouteTable routes) {
        this.routes = routes;
    }

    /**
     * @param documents  each service's OpenAPI document, by service name, in the order names are claimed
     * @param unavailable services whose document could not be fetched (named in {@code x-unavailable-services})
     * @param serverUrl  the gateway's URL, the document's only server
     */
    public ObjectNode merge(Map<String, JsonNode> documents, List<String> unavailable, String serverUrl) {
        ObjectNode merged = NODES.objectNode();
        merged.put("openapi", openapiVersion(documents));
        ObjectNode info = merged.putObject("info");
        info.put("title", "Grid services: the public API");
        info.put("version", commonVersion(documents));
        info.put("description", "Every route of the edge (deploy/routes.yaml) in one document, merged by the local"
                + " gateway from the services' own documents: " + String.join(", ", documents.keySet()) + ".");
        if (!unavailable.isEmpty()) {
            ArrayNode missing = info.putArray("x-unavailable-services");
            unavailable.forEach(missing::add);
        }
        merged.putArray("servers").addObject().put("url", serverUrl).put("description", "the gateway");
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = NODES.objectNode();
        Map<String, JsonNode> tags = new LinkedHashMap<>();
        Set<String> operationIds = new HashSet<>();
        documents.forEach((service, document) -> {
            JsonNode renamedDocument = mergeComponents(service, document, components);
            addPaths(service, renamedDocument, paths, operationIds);
            for (JsonNode tag : renamedDocument.path("tags")) {
                tags.putIfAbsent(tag.path("name").asText(), tag);
            }
        });
        if (!tags.isEmpty()) {
            ArrayNode tagArray = merged.putArray("tags");
            tags.values().forEach(tagArray::add);
        }
        if (!components.isEmpty()) {
            merged.set("components", components);
        }
        return merged;
    }

    /**
     * Decides the service's renames (to a fixpoint: renaming one component can make another that refers to
     * it differ), adds its components to {@code merged} and returns its document with references rewritten.
     */
    private JsonNode mergeComponents(String service, JsonNode document, ObjectNode merged) {
        Map<String, String> renames = new HashMap<>();
        JsonNode own = document.path("components");
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Iterator<Map.Entry<String, JsonNode>> sections = own.properties().iterator(); sections.hasNext(); ) {
                Map.Entry<String, JsonNode> section = sections.next();
                if (!section.getValue().isObject()) {
                    continue;
                }
                for (Iterator<Map.Entry<String, JsonNode>> entries = section.getValue().properties().iterator(); entries.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = entries.next();
                    String ref = COMPONENTS_REF + section.getKey() + "/" + entry.getKey();
                    if (renames.containsKey(ref)) {
                        continue;
                    }
                    JsonNode existing = merged.path(section.getKey()).get(entry.getKey());
                    if (existing != null && !existing.equals(rewrite(entry.getValue(), renames))) {
                        renames.put(ref, COMPONENTS_REF + section.getKey() + "/"
                                + freeName(merged, section.getKey(), prefix(service) + "_" + entry.getKey()));
                        changed = true;
                    }
                }
            }
        }
        JsonNode rewritten = rewrite(document, renames);
        Map<String, String> schemeRenames = new HashMap<>();
        renames.forEach((from, to) -> {
            String schemes = COMPONENTS_REF + "securitySchemes/";
            if (from.startsWith(schemes)) {
                schemeRenames.put(from.substring(schemes.length()), to.substring(schemes.length()));
            }
        });
        for (Iterator<Map.Entry<String, JsonNode>> sections = own.properties().iterator(); sections.hasNext(); ) {
            Map.Entry<String, JsonNode> section = sections.next();
            if (!section.getValue().isObject()) {
                continue;
            }
            ObjectNode target = merged.has(section.getKey())
                    ? (ObjectNode) merged.get(section.getKey()) : merged.putObject(section.getKey());
            for (Iterator<String> names = section.getValue().fieldNames(); names.hasNext(); ) {
                String name = names.next();
                String sectionRef = COMPONENTS_REF + section.getKey() + "/";
                String mergedName = renames.getOrDefault(sectionRef + name, sectionRef + name).substring(sectionRef.length());
                target.set(mergedName, rewritten.path("components").path(section.getKey()).path(name));
            }
        }
        return withSecurity(rewritten, schemeRenames);
    }

    /** The operations carry the security requirements, with renamed scheme names. */
    private static JsonNode withSecurity(JsonNode document, Map<String, String> schemeRenames) {
        JsonNode topLevel = document.get("security");
        if (topLevel == null && schemeRenames.isEmpty()) {
            return document;
        }
        ObjectNode copy = document.deepCopy();
        copy.remove("security");
        for (JsonNode pathItem : copy.path("paths")) {
            for (String method : HTTP_METHODS) {
                JsonNode operation = pathItem.get(method);
                if (operation instanceof ObjectNode op) {
                    JsonNode security = op.has("security") ? op.get("security") : topLevel;
                    if (security != null) {
                        op.set("security", renamedRequirements(security, schemeRenames));
                    }
                }
            }
        }
        return copy;
    }

    private static ArrayNode renamedRequirements(JsonNode security, Map<String, String> schemeRenames) {
        ArrayNode out = NODES.arrayNode();
        for (JsonNode requirement : security) {
            ObjectNode renamed = out.addObject();
            requirement.properties().forEach(scheme ->
                    renamed.set(schemeRenames.getOrDefault(scheme.getKey(), scheme.getKey()), scheme.getValue()));
        }
        return out;
    }

    private void addPaths(String service, JsonNode document, ObjectNode paths, Set<String> operationIds) {
        for (Iterator<Map.Entry<String, JsonNode>> entries = document.path("paths").properties().iterator(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String path = entry.getKey();
            boolean routedHere = routes.match(path).map(route -> route.service().equals(service)).orElse(false);
            if (!routedHere) {
                continue;
            }
            ObjectNode pathItem = entry.getValue().deepCopy();
            for (String method : HTTP_METHODS) {
                if (pathItem.get(method) instanceof ObjectNode operation && operation.hasNonNull("operationId")) {
                    String id = operation.get("operationId").asText();
                    if (!operationIds.add(id)) {
                        String unique = prefix(service) + "_" + id;
                        operationIds.add(unique);
                        operation.put("operationId", unique);
                    }
                }
            }
            paths.set(path, pathItem);
        }
    }

    /** A deep copy with every string that is a renamed component reference replaced. */
    static JsonNode rewrite(JsonNode node, Map<String, String> renames) {
        if (renames.isEmpty()) {
            return node;
        }
        if (node.isTextual()) {
            String renamed = renames.get(node.asText());
            return renamed == null ? node : TextNode.valueOf(renamed);
        }
        if (node.isObject()) {
            ObjectNode copy = NODES.objectNode();
            node.properties().forEach(field -> copy.set(field.getKey(), rewrite(field.getValue(), renames)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            node.forEach(element -> copy.add(rewrite(element, renames)));
            return copy;
        }
        return node;
    }

    private static String freeName(ObjectNode merged, String section, String wanted) {
        String name = wanted;
        for (int i = 2; merged.path(section).has(name); i++) {
            name = wanted + "_" + i;
        }
        // reserve it now, so a second rename in the same round cannot pick it too
        (merged.has(section) ? (ObjectNode) merged.get(section) : merged.putObject(section)).putNull(name);
        return name;
    }

    /** auth-service → Auth, telemetry-ingest-service → TelemetryIngest. */
    static String prefix(String service) {
        StringBuilder out = new StringBuilder();
        for (String part : service.replaceFirst("-service$", "").split("-")) {
            if (!part.isEmpty()) {
                out.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        return out.toString();
    }

    private static String openapiVersion(Map<String, JsonNode> documents) {
        List<String> versions = new ArrayList<>();
        documents.values().forEach(document -> versions.add(document.path("openapi").asText("3.0.3")));
        return versions.stream().max(String::compareTo).orElse("3.0.3");
    }

    private static String commonVersion(Map<String, JsonNode> documents) {
        Set<String> versions = new HashSet<>();
        documents.values().forEach(document -> versions.add(document.path("info").path("version").asText("")));
        return versions.size() == 1 && !versions.iterator().next().isEmpty() ? versions.iterator().next() : "local";
    }
}
