package dev.gridservices.telemetry.mapping;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/**
 * The report object as the API answers it: the client's body with the server's metadata ({@code id},
 * {@code objectType}, timestamps, {@code clientID}) in front and the client's own values of those keys
 * dropped. Built here by a streaming copy (the body was parsed and validated already) rather than by
 * PostgreSQL, which would parse a 500-resource body into jsonb and serialize it back on every POST;
 * GET reads the same shape from the table ({@code ReportRepository}).
 */
public final class ReportJson {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final Set<String> SERVER_FIELDS = Set.of("id", "objectType", "createdDateTime",
            "modificationDateTime", "clientID");
    /** As the table view renders timestamps: UTC, milliseconds. */
    public static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private ReportJson() {
    }

    public static String withMetadata(byte[] body, String id, Instant created, Instant modified, String clientId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 200);
        try (JsonParser p = FACTORY.createParser(body); JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("id", id);
            g.writeStringField("objectType", "REPORT");
            g.writeStringField("createdDateTime", TIMESTAMP.format(created));
            g.writeStringField("modificationDateTime", TIMESTAMP.format(modified));
            if (clientId != null) {
                g.writeStringField("clientID", clientId);
            }
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("a report body is a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (SERVER_FIELDS.contains(name)) {
                    p.skipChildren();
                } else {
                    g.writeFieldName(name);
                    g.copyCurrentStructure(p);
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
