package dev.gridservices.testkit.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Builds a valid value for an OpenAPI 3 schema of the document it was made with: the schema's
 * example or default when it has one, else its first enum value, else a value of its type and format
 * within its bounds. References ({@code $ref}), {@code allOf} (merged), {@code oneOf}/{@code anyOf}
 * (first choice) are followed; recursion stops at a fixed depth.
 */
final class SchemaValues {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 8;

    private final JsonNode document;
    private final Random random;
    private int counter;

    SchemaValues(JsonNode document, Random random) {
        this.document = document;
        this.random = random;
    }

    /** The schema a {@code $ref} points at (or the schema itself), with {@code allOf} merged. */
    JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int hops = 0; current != null && current.has("$ref") && hops < 20; hops++) {
            current = document.at(current.get("$ref").asText().substring(1));
        }
        if (current == null || current.isMissingNode()) {
            return JSON.objectNode();
        }
        if (current.has("allOf")) {
            ObjectNode merged = JSON.objectNode();
            ObjectNode properties = JSON.objectNode();
            ArrayNode required = JSON.arrayNode();
            current.properties().forEach(e -> {
                if (!e.getKey().equals("allOf")) {
                    merged.set(e.getKey(), e.getValue());
                }
            });
            for (JsonNode part : current.get("allOf")) {
                JsonNode resolved = resolve(part);
                resolved.properties().forEach(e -> {
                    if (!Set.of("properties", "required").contains(e.getKey()) && !merged.has(e.getKey())) {
                        merged.set(e.getKey(), e.getValue());
                    }
                });
                if (resolved.has("properties")) {
                    properties.setAll((ObjectNode) resolved.get("properties"));
                }
                if (resolved.has("required")) {
                    required.addAll((ArrayNode) resolved.get("required"));
                }
            }
            if (current.has("properties")) {
                properties.setAll((ObjectNode) current.get("properties"));
            }
            if (current.has("required")) {
                required.addAll((ArrayNode) current.get("required"));
            }
            merged.set("properties", properties);
            merged.set("required", required);
            return merged;
        }
        for (String choice : new String[] {"oneOf", "anyOf"}) {
            if (current.has(choice) && current.get(choice).size() > 0) {
                return resolve(current.get(choice).get(0));
            }
        }
        return current;
    }

    /** The type a (resolved) schema declares; OpenAPI 3.1's type arrays give their first non-null. */
    static String type(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return schema.has("properties") || schema.has("additionalProperties") ? "object"
                    : schema.has("items") ? "array" : "";
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asText().equals("null")) {
                    return t.asText();
                }
            }
            return "null";
        }
        return type.asText();
    }

    /** Required property names of an object schema. */
    Set<String> required(JsonNode schema) {
        Set<String> names = new LinkedHashSet<>();
        resolve(schema).path("required").forEach(n -> names.add(n.asText()));
        return names;
    }

    /** Properties of an object schema, by name, in document order (read-only ones left out). */
    Map<String, JsonNode> properties(JsonNode schema) {
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = resolve(schema).path("properties").properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!resolve(field.getValue()).path("readOnly").asBoolean(false)) {
                properties.put(field.getKey(), field.getValue());
            }
        }
        return properties;
    }

    JsonNode valid(JsonNode schema) {
        return valid(schema, 0);
    }

    private JsonNode valid(JsonNode raw, int depth) {
        JsonNode schema = resolve(raw);
        if (schema.has("example")) {
            return schema.get("example").deepCopy();
        }
        if (schema.has("examples") && schema.get("examples").isArray() && schema.get("examples").size() > 0) {
            return schema.get("examples").get(0).deepCopy();
        }
        if (schema.has("default")) {
            return schema.get("default").deepCopy();
        }
        if (schema.has("enum") && schema.get("enum").size() > 0) {
            return schema.get("enum").get(0).deepCopy();
        }
        return switch (type(schema)) {
            case "object" -> object(schema, depth);
            case "array" -> array(schema, depth);
            case "integer" -> JSON.numberNode(integer(schema));
            case "number" -> JSON.numberNode((double) integer(schema));
            case "boolean" -> JSON.booleanNode(true);
            case "null" -> JSON.nullNode();
            default -> JSON.textNode(string(schema));
        };
    }

    private JsonNode object(JsonNode schema, int depth) {
        ObjectNode object = JSON.objectNode();
        if (depth >= MAX_DEPTH) {
            return object;
        }
        properties(schema).forEach((name, property) -> object.set(name, byName(name, resolve(property))
                .orElseGet(() -> valid(property, depth + 1))));
        JsonNode additional = schema.get("additionalProperties");
        if (object.isEmpty() && additional != null && additional.isObject()) {
            object.set("key" + (++counter), valid(additional, depth + 1));
        }
        return object;
    }

    /**
     * A few property names whose format schemas rarely state (OpenADR's {@code duration} is a plain
     * string that must be ISO 8601): a plausible value passes the service's own checks.
     */
    private Optional<JsonNode> byName(String name, JsonNode schema) {
        if (!"string".equals(type(schema)) || schema.has("example") || schema.has("enum") || schema.has("format")) {
            return Optional.empty();
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.contains("duration")) {
            return Optional.of(JSON.textNode("PT1H"));
        }
        if (lower.equals("start") || name.endsWith("At") || name.endsWith("Time")) {
            return Optional.of(JSON.textNode("2026-06-01T12:00:00Z"));
        }
        if (lower.contains("email")) {
            return Optional.of(JSON.textNode("fuzz" + (++counter) + "@example.com"));
        }
        if (lower.equals("url") || lower.endsWith("uri")) {
            return Optional.of(JSON.textNode("https://example.com/fuzz/" + (++counter)));
        }
        return Optional.empty();
    }

    private JsonNode array(JsonNode schema, int depth) {
        ArrayNode array = JSON.arrayNode();
        if (depth >= MAX_DEPTH || !schema.has("items")) {
            return array;
        }
        int count = Math.max(1, schema.path("minItems").asInt(1));
        for (int i = 0; i < count; i++) {
            array.add(valid(schema.get("items"), depth + 1));
        }
        return array;
    }

    private long integer(JsonNode schema) {
        long minimum = schema.has("minimum") ? (long) Math.ceil(schema.get("minimum").asDouble()) : 1;
        if (schema.path("exclusiveMinimum").isNumber()) {
            minimum = (long) Math.floor(schema.get("exclusiveMinimum").asDouble()) + 1;
        }
        long maximum = schema.has("maximum") ? (long) Math.floor(schema.get("maximum").asDouble()) : minimum + 9;
        return maximum < minimum ? minimum : minimum + random.nextInt((int) Math.min(10, maximum - minimum + 1));
    }

    private String string(JsonNode schema) {
        String value = switch (schema.path("format").asText("")) {
            case "date-time" -> "2026-06-01T12:00:00Z";
            case "date" -> "2026-06-01";
            case "time" -> "12:00:00";
            case "uuid" -> new UUID(random.nextLong(), random.nextLong()).toString();
            case "email" -> "fuzz" + (++counter) + "@example.com";
            case "uri", "url" -> "https://example.com/fuzz/" + (++counter);
            case "duration" -> "PT1H";
            case "byte" -> "ZnV6eg==";
            default -> "fuzz" + Integer.toString(random.nextInt(1 << 20), 36) + (++counter);
        };
        int min = schema.path("minLength").asInt(0);
        int max = schema.path("maxLength").asInt(Integer.MAX_VALUE);
        StringBuilder padded = new StringBuilder(value);
        while (padded.length() < min) {
            padded.append('x');
        }
        return padded.length() > max ? padded.substring(0, Math.max(max, 0)) : padded.toString();
    }

    /**
     * Every location inside {@code value} (JSON pointers, the root excluded) with the schema that
     * describes it, for mutations that target one field.
     */
    List<Location> locations(JsonNode value, JsonNode schema) {
        List<Location> found = new ArrayList<>();
        collect(value, schema, "", found, 0);
        return found;
    }

    private void collect(JsonNode value, JsonNode raw, String pointer, List<Location> found, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        JsonNode schema = resolve(raw);
        if (value.isObject()) {
            Map<String, JsonNode> properties = properties(schema);
            Set<String> required = required(schema);
            value.properties().forEach(field -> {
                JsonNode fieldSchema = properties.getOrDefault(field.getKey(),
                        schema.path("additionalProperties").isObject() ? schema.get("additionalProperties")
                                : JSON.objectNode());
                String child = pointer + "/" + escape(field.getKey());
                found.add(new Location(child, field.getKey(), required.contains(field.getKey()), field.getValue(),
                        resolve(fieldSchema)));
                collect(field.getValue(), fieldSchema, child, found, depth + 1);
            });
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                String child = pointer + "/" + i;
                JsonNode itemSchema = schema.path("items");
                found.add(new Location(child, String.valueOf(i), false, value.get(i), resolve(itemSchema)));
                collect(value.get(i), itemSchema, child, found, depth + 1);
            }
        }
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    /** One field or element of a body: where it is, whether its object requires it, its value and schema. */
    record Location(String pointer, String name, boolean required, JsonNode value, JsonNode schema) {
    }
}
