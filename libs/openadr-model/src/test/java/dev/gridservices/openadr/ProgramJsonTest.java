package dev.gridservices.openadr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgramJsonTest {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void programSerializesWithTheSpecsFieldNamesAndRoundTrips() throws Exception {
        Program program = new Program("prog-1", OffsetDateTime.parse("2025-01-01T00:00:00Z"),
                OffsetDateTime.parse("2025-01-02T00:00:00Z"), null, "ResTOU",
                new IntervalPeriod(OffsetDateTime.parse("2025-01-01T00:00:00Z"), "P1Y", null),
                List.of(new ProgramDescription("https://example.com/p")), null,
                List.of(ValuesMap.of(ProgramAttributes.PRINCIPAL_SUBDIVISION, "US-NY", "US-NJ"),
                        ValuesMap.of(ProgramAttributes.BINDING_EVENTS, true)),
                List.of("group-1"));
        JsonNode json = mapper.valueToTree(program);
        assertEquals("PROGRAM", json.get("objectType").asText());
        assertEquals("https://example.com/p", json.get("programDescriptions").get(0).get("URL").asText());
        assertEquals("P1Y", json.get("intervalPeriod").get("duration").asText());
        assertFalse(json.get("intervalPeriod").has("randomizeStart"));
        assertFalse(json.has("payloadDescriptors"));
        assertEquals(true, json.get("attributes").get(1).get("values").get(0).asBoolean());

        Program back = mapper.treeToValue(json, Program.class);
        assertEquals(program, back);
        assertEquals("US-NJ", ValuesMap.find(back.attributes(), ProgramAttributes.PRINCIPAL_SUBDIVISION)
                .orElseThrow().values().get(1).asText());
    }
}
