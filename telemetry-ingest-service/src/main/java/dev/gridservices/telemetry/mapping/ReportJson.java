package dev.gridservices.telemetry.mapping;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.gridservices.telemetry.service.ParsedReport;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

/**
 * The report object as the API answers it: the client's body with the server's metadata ({@code id},
 * {@code objectType}, timestamps, {@code clientID}) in front and the client's own values of those keys
 * dropped. Built by copying the body's top-level members as bytes, at the offsets the parse recorded (the
 * body was parsed and validated already): no second parse, no re-serialization, no String of the body.
 * PostgreSQL would instead parse a 500-resource body into jsonb and print it back on every POST; GET reads
 * the same shape from the table ({@code ReportRepository}).
 */
public final class ReportJson {

    private static final Set<String> SERVER_FIELDS = Set.of("id", "objectType", "createdDateTime",
            "modificationDateTime", "clientID");
    /** As the table view renders timestamps: UTC, milliseconds. */
    public static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private ReportJson() {
    }

    public static byte[] withMetadata(byte[] body, List<ParsedReport.Member> members, String id, Instant created,
                                      Instant modified, String clientId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 200);
        StringBuilder head = new StringBuilder(200).append("{\"id\":");
        quoted(head, id).append(",\"objectType\":\"REPORT\",\"createdDateTime\":\"").append(TIMESTAMP.format(created))
                .append("\",\"modificationDateTime\":\"").append(TIMESTAMP.format(modified)).append('"');
        if (clientId != null) {
            quoted(head.append(",\"clientID\":"), clientId);
        }
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        for (ParsedReport.Member member : members) {
            if (!SERVER_FIELDS.contains(member.name())) {
                out.write(',');
                out.write(body, member.start(), member.end() - member.start());
            }
        }
        out.write('}');
        return out.toByteArray();
    }

    private static StringBuilder quoted(StringBuilder to, String value) {
        to.append('"');
        JsonStringEncoder.getInstance().quoteAsString(value, to);
        return to.append('"');
    }
}
