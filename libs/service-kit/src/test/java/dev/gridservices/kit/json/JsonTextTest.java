package dev.gridservices.kit.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    record Point(double lat, double lon) {
    }

    private final JsonText json = new JsonText(new ObjectMapper());

    @Test
    void valuesRoundTripThroughTheirText() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("z", 1);
        value.put("a", List.of("x", "y"));
        String text = json.write(value);
        assertEquals("{\"z\":1,\"a\":[\"x\",\"y\"]}", text);
        assertEquals(2, json.read(text).size());
        assertEquals(List.of("z", "a"), List.copyOf(json.object(text).keySet()));
        assertEquals(List.of(new Point(39.7, -104.9)),
                json.readList("[{\"lat\":39.7,\"lon\":-104.9}]", new TypeReference<List<Point>>() { }));
        assertEquals(List.of("CO", "TX"), json.strings("[\"CO\",\"TX\"]"));
    }

    @Test
    void anAbsentColumnStaysAbsentOrReadsEmptyWhereTheMethodSaysSo() {
        assertNull(json.write(null));
        assertNull(json.read(null));
        assertNull(json.readList(null, new TypeReference<List<Point>>() { }));
        assertEquals(List.of(), json.strings(null));
        Map<String, Object> empty = json.object(null);
        assertTrue(empty.isEmpty());
        empty.put("merged", true);   // callers merge into it
        assertEquals(Map.of("merged", true), empty);
    }

    @Test
    void unreadableStoredTextIsAnUncheckedFailureNotACallerError() {
        assertThrows(UncheckedIOException.class, () -> json.read("{"));
        assertThrows(UncheckedIOException.class, () -> json.strings("{\"not\":\"a list\"}"));
        assertThrows(UncheckedIOException.class, () -> json.object("[1]"));
        assertThrows(UncheckedIOException.class, () -> json.write(new Object()));
    }
}
