package dev.gridservices.telemetry.service;

import java.util.ArrayList;
import java.util.List;

/**
 * A report as the streaming parser read it: only what validation and the readings need, values already
 * typed (Long/Double, String, Boolean, or a list of strings), nothing else kept.
 */
public final class ParsedReport {

    /** A payloadDescriptor: units and readingType for one payload type. */
    public record Descriptor(int index, String objectType, String payloadType, String units, String readingType) {
    }

    /**
     * A top-level member of the body as bytes: {@code [start, end)} runs from the opening quote of its name to
     * the end of its value, so the answer can be built by copying the body instead of parsing it again.
     */
    public record Member(String name, int start, int end) {
    }

    /** One entry of {@code resources}. */
    public static final class Resource {
        public int index;
        public String resourceName;
        public String start;
        public String duration;
        public final List<Interval> intervals = new ArrayList<>();
    }

    /** One interval of a resource. */
    public static final class Interval {
        public int index;
        public String start;
        public String duration;
        public final List<Payload> payloads = new ArrayList<>();
    }

    /** One payload: a type and its values, in the JSON's order. */
    public static final class Payload {
        public int index;
        public String type;
        /** Null when the values were not an array. */
        public List<Object> values;
    }

    /** A value that is neither a number, a string nor a boolean (null, object, nested array). */
    public static final Object OTHER = new Object() {
        @Override
        public String toString() {
            return "a value of another kind";
        }
    };

    public String eventId;
    public boolean eventIdPresent;
    public String clientName;
    public String reportName;
    public final List<Descriptor> descriptors = new ArrayList<>();
    /** The top-level members in body order (empty for a report not parsed from a body, e.g. /v1 telemetry). */
    public final List<Member> members = new ArrayList<>();
    public final List<Resource> resources = new ArrayList<>();
    public boolean resourcesPresent;
    public int readingCount;
}
