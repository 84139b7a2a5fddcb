package dev.gridservices.openadr;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;

/**
 * OpenADR 3.1 {@code intervalPeriod}: a start and an ISO 8601 duration (e.g. {@code P1Y}, {@code PT4H};
 * {@code P9999Y} means "no end"). All parts are optional in the schema.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IntervalPeriod(OffsetDateTime start, String duration, String randomizeStart) {

    /** The end of the period, or null when it has no start, no duration or an infinite duration. */
    public OffsetDateTime end() {
        if (start == null || duration == null || IsoDuration.isInfinite(duration)) {
            return null;
        }
        return IsoDuration.parse(duration).addTo(start);
    }
}
