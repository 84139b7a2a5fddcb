package dev.gridservices.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gridservices.openadr.payload.DeviceType;
import dev.gridservices.telemetry.service.ReportParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/**
 * What Jackson parses but PostgreSQL's json column refuses is refused before any reading is produced
 * (found by FuzzTest: the report was on telemetry.raw, then its storage failed with a 503).
 */
class ReportParserTest {

    private static final String REPORT = Fixtures.report("ven_1", null, "BAT-1", "2026-12-01T09:00:00Z",
            Fixtures.VALID_PAYLOADS.get(DeviceType.BATTERY));

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static void refused(byte[] body, String message) {
        assertThatThrownBy(() -> ReportParser.parse(body, new ArrayList<>()))
                .isInstanceOf(ReportParser.MalformedReportException.class).hasMessageContaining(message);
    }

    @Test
    void unstorableBodiesAreMalformed() {
        refused(bytes("\uFEFF" + REPORT), "byte order mark");
        refused(bytes(REPORT.replace("\"reportName\":\"test\"", "\"reportName\":\"a\\u0000b\"")), "NUL character");
        // In a field the parser skips, too: the body is stored whole.
        refused(bytes(REPORT.replace("{\"eventID\"", "{\"note\":\"\\u0000\",\"eventID\"")), "NUL character");
        refused(bytes(REPORT.replace("\"reportName\":\"test\"", "\"reportName\":\"\\udfff\\ud800\"")), "unpaired surrogate");
        refused(bytes(REPORT.replace("\"reportName\":\"test\"", "\"reportName\":\"\\ud800x\"")), "unpaired surrogate");
        refused(bytes(REPORT.replace("\"reportName\":\"test\"", "\"reportName\":\"\\ud800\"")), "unpaired surrogate");
    }

    @Test
    void escapesThatPostgresAcceptsStillParse() {
        String escaped = REPORT.replace("\"reportName\":\"test\"", "\"reportName\":\"\\\\u0000 \\ud83d\\ude00 \\u00e9\"");
        assertThat(ReportParser.parse(bytes(escaped), new ArrayList<>()).reportName).isEqualTo("\\u0000 \uD83D\uDE00 é");
    }
}
