package dev.gridservices.kit.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON-valued columns are stored as text; this converts both ways with the application's (strict) mapper.
 * A stored text the mapper cannot read is a bug of ours, not the caller's: it surfaces as an
 * {@link UncheckedIOException} (a 500), never as a 400.
 */
@ApplicationScoped
public class JsonText {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() { };

    private final ObjectMapper mapper;

    public JsonText(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The value as JSON text; null stays null (an absent column). */
    public String write(Object value) {
        try {
            return value == null ? null : mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text as a tree; null stays null. */
    public JsonNode read(String text) {
        try {
            return text == null ? null : mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text as a list of {@code type}; null stays null (where "absent" and "empty" differ). */
    public <T> List<T> readList(String text, TypeReference<List<T>> type) {
        try {
            return text == null ? null : mapper.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON array of strings; null reads as an empty list. */
    public List<String> strings(String text) {
        List<String> list = readList(text, STRINGS);
        return list == null ? List.of() : list;
    }

    /** A JSON object, in its key order and modifiable; null reads as an empty object. */
    public Map<String, Object> object(String text) {
        try {
            return text == null ? new LinkedHashMap<>() : mapper.readValue(text, OBJECT);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
