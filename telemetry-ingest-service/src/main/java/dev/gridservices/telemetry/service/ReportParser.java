package dev.gridservices.telemetry.service;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a report (the body of POST /v2/reports, or an MQTT message) in one pass with Jackson's streaming
 * parser: no tree, values typed as they are read. Shape errors (a string where an array belongs) become
 * {@link Violation}s with their JSON path; malformed JSON throws {@link MalformedReportException}.
 * Fields the platform does not need (e.g. {@code accuracy}) are skipped; the stored report keeps them.
 */
public final class ReportParser {

    private static final JsonFactory FACTORY = new JsonFactory();

    /** The body is not JSON at all. */
    public static final class MalformedReportException extends RuntimeException {
        public MalformedReportException(String message) {
            super(message, null, false, false);
        }
    }

    private final List<Violation> violations;

    private ReportParser(List<Violation> violations) {
        this.violations = violations;
    }

    public static ParsedReport parse(byte[] body, List<Violation> violations) {
        // The body is stored as sent in a PostgreSQL json column, which refuses what Jackson lets through
        // (a byte order mark, the NUL escape, an unpaired surrogate escape), and MQTT bodies bypass
        // service-kit's NUL guard: refuse those anywhere, skipped fields included, before anything is produced.
        String unstorable = unstorable(body);
        if (unstorable != null) {
            throw new MalformedReportException(unstorable);
        }
        try (JsonParser p = FACTORY.createParser(body)) {
            ParsedReport report = new ReportParser(violations).report(p, body);
            if (p.nextToken() != null) {
                throw new MalformedReportException("unexpected content after the report object");
            }
            return report;
        } catch (JsonProcessingException e) {
            throw new MalformedReportException("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedReportException("the body could not be read: " + e.getMessage());
        }
    }

    /** Why PostgreSQL would refuse {@code body} as json text although it parses, or null. */
    static String unstorable(byte[] body) {
        if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
            return "the body starts with a byte order mark, which is not accepted";
        }
        boolean pendingHigh = false;
        for (int i = 0; i < body.length; i++) {
            if (body[i] != '\\' || i + 1 >= body.length) {
                if (pendingHigh) {
                    return "the body contains an unpaired surrogate escape before offset " + i;
                }
                continue;
            }
            if (body[i + 1] != 'u') {
                if (pendingHigh) {
                    return "the body contains an unpaired surrogate escape before offset " + i;
                }
                i++;
                continue;
            }
            int unit = i + 5 < body.length ? hex(body, i + 2) : -1;
            if (unit == 0) {
                return "the body contains a NUL character (\\u0000) at offset " + i + ", which is not accepted";
            }
            boolean high = unit >= 0xD800 && unit <= 0xDBFF;
            boolean low = unit >= 0xDC00 && unit <= 0xDFFF;
            if (pendingHigh != low) {
                return "the body contains an unpaired surrogate escape at offset " + i;
            }
            pendingHigh = high;
            i += 5;
        }
        return pendingHigh ? "the body ends in an unpaired surrogate escape" : null;
    }

    /** The four hex digits at {@code from} as a number, or -1 (the parser reports the bad escape). */
    private static int hex(byte[] body, int from) {
        int value = 0;
        for (int k = from; k < from + 4; k++) {
            int digit = Character.digit(body[k], 16);
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }

    private ParsedReport report(JsonParser p, byte[] body) throws IOException {
        ParsedReport report = new ParsedReport();
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new MalformedReportException("a report is a JSON object");
        }
        String member = null;
        int memberStart = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            // A member ends where the next one's name starts (or the object's '}'), less the separator between.
            int nameStart = (int) p.currentTokenLocation().getByteOffset();
            if (member != null) {
                report.members.add(new ParsedReport.Member(member, memberStart, valueEnd(body, nameStart, true)));
            }
            String field = p.currentName();
            member = field;
            memberStart = nameStart;
            JsonToken token = p.nextToken();
            switch (field) {
                case "eventID" -> {
                    report.eventIdPresent = true;
                    report.eventId = string(p, token, "eventID");
                }
                case "clientName" -> report.clientName = string(p, token, "clientName");
                case "reportName" -> report.reportName = string(p, token, "reportName");
                case "payloadDescriptors" -> descriptors(p, token, report);
                case "resources" -> {
                    report.resourcesPresent = true;
                    resources(p, token, report);
                }
                default -> p.skipChildren();
            }
        }
        if (member != null && p.currentToken() == JsonToken.END_OBJECT) {
            int end = (int) p.currentTokenLocation().getByteOffset();
            report.members.add(new ParsedReport.Member(member, memberStart, valueEnd(body, end, false)));
        }
        return report;
    }

    /** Back from {@code next} over whitespace and (between members) the one comma: where the value ends. */
    private static int valueEnd(byte[] body, int next, boolean comma) {
        int i = next;
        while (i > 0 && isWhitespace(body[i - 1])) {
            i--;
        }
        if (comma && i > 0 && body[i - 1] == ',') {
            i--;
            while (i > 0 && isWhitespace(body[i - 1])) {
                i--;
            }
        }
        return i;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private void descriptors(JsonParser p, JsonToken token, ParsedReport report) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return;
        }
        if (token != JsonToken.START_ARRAY) {
            shape("payloadDescriptors", "must be an array", p);
            return;
        }
        int index = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String path = "payloadDescriptors[" + index + "]";
            if (p.currentToken() != JsonToken.START_OBJECT) {
                shape(path, "must be an object", p);
                index++;
                continue;
            }
            String objectType = null;
            String payloadType = null;
            String units = null;
            String readingType = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "objectType" -> objectType = string(p, value, path + ".objectType");
                    case "payloadType" -> payloadType = string(p, value, path + ".payloadType");
                    case "units" -> units = string(p, value, path + ".units");
                    case "readingType" -> readingType = string(p, value, path + ".readingType");
                    default -> p.skipChildren();
                }
            }
            report.descriptors.add(new ParsedReport.Descriptor(index, objectType, payloadType, units, readingType));
            index++;
        }
    }

    private void resources(JsonParser p, JsonToken token, ParsedReport report) throws IOException {
        if (token != JsonToken.START_ARRAY) {
            shape("resources", "must be an array", p);
            return;
        }
        int index = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String path = "resources[" + index + "]";
            if (p.currentToken() != JsonToken.START_OBJECT) {
                shape(path, "must be an object", p);
                index++;
                continue;
            }
            ParsedReport.Resource resource = new ParsedReport.Resource();
            resource.index = index;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "resourceName" -> resource.resourceName = string(p, value, path + ".resourceName");
                    case "intervalPeriod" -> {
                        String[] period = period(p, value, path + ".intervalPeriod");
                        resource.start = period[0];
                        resource.duration = period[1];
                    }
                    case "intervals" -> intervals(p, value, resource, path, report);
                    default -> p.skipChildren();
                }
            }
            report.resources.add(resource);
            index++;
        }
    }

    private void intervals(JsonParser p, JsonToken token, ParsedReport.Resource resource, String resourcePath,
                           ParsedReport report) throws IOException {
        if (token != JsonToken.START_ARRAY) {
            shape(resourcePath + ".intervals", "must be an array", p);
            return;
        }
        int index = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String path = resourcePath + ".intervals[" + index + "]";
            if (p.currentToken() != JsonToken.START_OBJECT) {
                shape(path, "must be an object", p);
                index++;
                continue;
            }
            ParsedReport.Interval interval = new ParsedReport.Interval();
            interval.index = index;
            boolean hasId = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "id" -> {
                        hasId = true;
                        if (value != JsonToken.VALUE_NUMBER_INT) {
                            shape(path + ".id", "must be an integer", p);
                        }
                    }
                    case "intervalPeriod" -> {
                        String[] period = period(p, value, path + ".intervalPeriod");
                        interval.start = period[0];
                        interval.duration = period[1];
                    }
                    case "payloads" -> payloads(p, value, interval, path);
                    default -> p.skipChildren();
                }
            }
            if (!hasId) {
                violations.add(new Violation(path + ".id", "required", "id is required"));
            }
            resource.intervals.add(interval);
            report.readingCount++;
            index++;
        }
    }

    private void payloads(JsonParser p, JsonToken token, ParsedReport.Interval interval, String intervalPath)
            throws IOException {
        if (token != JsonToken.START_ARRAY) {
            shape(intervalPath + ".payloads", "must be an array", p);
            return;
        }
        int index = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String path = intervalPath + ".payloads[" + index + "]";
            if (p.currentToken() != JsonToken.START_OBJECT) {
                shape(path, "must be an object", p);
                index++;
                continue;
            }
            ParsedReport.Payload payload = new ParsedReport.Payload();
            payload.index = index;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "type" -> payload.type = string(p, value, path + ".type");
                    case "values" -> payload.values = values(p, value);
                    default -> p.skipChildren();
                }
            }
            interval.payloads.add(payload);
            index++;
        }
    }

    private static List<Object> values(JsonParser p, JsonToken token) throws IOException {
        if (token != JsonToken.START_ARRAY) {
            p.skipChildren();
            return null;
        }
        List<Object> values = new ArrayList<>(1);
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            switch (t) {
                case VALUE_NUMBER_INT -> values.add(p.getLongValue());
                case VALUE_NUMBER_FLOAT -> values.add(p.getDoubleValue());
                case VALUE_STRING -> values.add(p.getText());
                case VALUE_TRUE -> values.add(Boolean.TRUE);
                case VALUE_FALSE -> values.add(Boolean.FALSE);
                default -> {
                    p.skipChildren();
                    values.add(ParsedReport.OTHER);
                }
            }
        }
        return values;
    }

    /** start and duration of an intervalPeriod, as text; checked (and parsed once) by the validator. */
    private String[] period(JsonParser p, JsonToken token, String path) throws IOException {
        String[] period = new String[2];
        if (token == JsonToken.VALUE_NULL) {
            return period;
        }
        if (token != JsonToken.START_OBJECT) {
            shape(path, "must be an object", p);
            return period;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "start" -> period[0] = string(p, value, path + ".start");
                case "duration" -> period[1] = string(p, value, path + ".duration");
                default -> p.skipChildren();
            }
        }
        return period;
    }

    private String string(JsonParser p, JsonToken token, String path) throws IOException {
        if (token == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (token != JsonToken.VALUE_NULL) {
            shape(path, "must be a string", p);
        }
        return null;
    }

    private void shape(String path, String message, JsonParser p) throws IOException {
        violations.add(new Violation(path, "type", path.substring(path.lastIndexOf('.') + 1) + " " + message));
        p.skipChildren();
    }
}
