package dev.gridservices.telemetry.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridservices.telemetry.service.ReportParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The 201 body, copied from the request's bytes at the offsets the parse recorded: metadata first, the client's
 * members in their order and as sent (whitespace, multi-byte text, nested values), its own server fields dropped.
 */
class ReportJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-12-01T09:00:00.123Z");

    private static JsonNode answer(String body, String clientId) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        byte[] json = ReportJson.withMetadata(bytes, ReportParser.parse(bytes, new ArrayList<>()).members, "rpt_1", AT,
                AT, clientId);
        return MAPPER.readTree(json);
    }

    @Test
    void clientMembersFollowTheMetadataWithoutTheirServerFields() throws Exception {
        String body = """
                 {  "id" : "client-chosen",
                  "clientName":"VEN \\"one\\" \u00e9\u2603",\t"objectType":"NOT_REPORT" ,
                  "resources" : [ {"resourceName":"r1","intervals":[{"id":0,"payloads":[{"type":"X","values":[1.50,2]}]}]} ],
                  "x-extra":{"nested":[true,null,{"a":"b"}]}, "clientID":"spoofed",
                  "modificationDateTime" : "1999-01-01T00:00:00Z"
                 }
                """;
        JsonNode answer = answer(body, "client_1");

        List<String> names = new ArrayList<>();
        answer.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("id", "objectType", "createdDateTime", "modificationDateTime", "clientID",
                "clientName", "resources", "x-extra");
        assertThat(answer.get("id").asText()).isEqualTo("rpt_1");
        assertThat(answer.get("objectType").asText()).isEqualTo("REPORT");
        assertThat(answer.get("createdDateTime").asText()).isEqualTo("2026-12-01T09:00:00.123Z");
        assertThat(answer.get("modificationDateTime").asText()).isEqualTo("2026-12-01T09:00:00.123Z");
        assertThat(answer.get("clientID").asText()).isEqualTo("client_1");
        assertThat(answer.get("clientName").asText()).isEqualTo("VEN \"one\" é\u2603");
        JsonNode original = MAPPER.readTree(body);
        assertThat(answer.get("resources")).isEqualTo(original.get("resources"));
        assertThat(answer.get("x-extra")).isEqualTo(original.get("x-extra"));
    }

    @Test
    void aBodyOfOnlyServerFieldsOrNoneStillGivesAnObject() throws Exception {
        assertThat(answer("{\"id\":\"x\"}", null).size()).isEqualTo(4);
        assertThat(answer("{}", null).size()).isEqualTo(4);
        assertThat(answer("{\"clientName\":\"v\"}", "c").get("clientName").asText()).isEqualTo("v");
    }
}
