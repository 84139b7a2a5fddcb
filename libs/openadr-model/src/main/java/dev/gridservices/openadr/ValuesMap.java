package dev.gridservices.openadr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * OpenADR 3.1 {@code valuesMap}: a type name (a defined enumeration such as {@code PROGRAM_TYPE} or a
 * private one) and its values, each a number, string, boolean or {@code point}. Values stay JSON so
 * that every allowed shape round-trips unchanged.
 */
public record ValuesMap(String type, List<JsonNode> values) {

    public static ValuesMap of(String type, Object... values) {
        return new ValuesMap(type, Arrays.stream(values).map(ValuesMap::node).toList());
    }

    public static ValuesMap ofAll(String type, List<?> values) {
        return new ValuesMap(type, values.stream().map(ValuesMap::node).toList());
    }

    /** The first value of the first entry of {@code type} in a list, as text. */
    public static Optional<String> firstText(List<ValuesMap> maps, String type) {
        return find(maps, type).flatMap(m -> m.values() == null || m.values().isEmpty()
                ? Optional.empty() : Optional.of(m.values().get(0).asText()));
    }

    public static Optional<ValuesMap> find(List<ValuesMap> maps, String type) {
        return maps == null ? Optional.empty() : maps.stream().filter(m -> type.equals(m.type())).findFirst();
    }

    private static JsonNode node(Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value instanceof JsonNode node) {
            return node;
        } else if (value instanceof Boolean b) {
            return f.booleanNode(b);
        } else if (value instanceof Integer i) {
            return f.numberNode(i);
        } else if (value instanceof Long l) {
            return f.numberNode(l);
        } else if (value instanceof Number n) {
            return f.numberNode(n.doubleValue());
        }
        return f.textNode(String.valueOf(value));
    }
}
