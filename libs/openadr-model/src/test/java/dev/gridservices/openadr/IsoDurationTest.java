package dev.gridservices.openadr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class IsoDurationTest {

    private static final OffsetDateTime START = OffsetDateTime.parse("2025-01-31T00:00:00Z");

    @Test
    void calendarPartsFollowTheCalendar() {
        assertEquals(OffsetDateTime.parse("2026-01-31T00:00:00Z"), IsoDuration.parse("P1Y").addTo(START));
        assertEquals(OffsetDateTime.parse("2025-02-28T00:00:00Z"), IsoDuration.parse("P1M").addTo(START));
        assertEquals(OffsetDateTime.parse("2025-02-14T00:00:00Z"), IsoDuration.parse("P2W").addTo(START));
    }

    @Test
    void timePartsIncludingFractionalSeconds() {
        assertEquals(OffsetDateTime.parse("2025-01-31T04:30:01.500Z"),
                IsoDuration.parse("PT4H30M1.5S").addTo(START));
        assertEquals(OffsetDateTime.parse("2025-01-30T23:00:00Z"), IsoDuration.parse("-PT1H").addTo(START));
    }

    @Test
    void betweenWritesASpanThatParsesBackToTheSameEnd() {
        OffsetDateTime end = OffsetDateTime.parse("2025-12-31T23:59:59.25Z");
        String text = IsoDuration.between(START, end);
        assertTrue(IsoDuration.isValid(text), text);
        assertEquals(end, IsoDuration.parse(text).addTo(START));
        assertEquals("-PT1S", IsoDuration.between(START, START.minusSeconds(1)));
    }

    @Test
    void rejectsWhatTheSchemaRejects() {
        assertFalse(IsoDuration.isValid("P"));
        assertFalse(IsoDuration.isValid("PT"));
        assertFalse(IsoDuration.isValid("1H"));
        assertThrows(IllegalArgumentException.class, () -> IsoDuration.parse("P1H"));
    }

    @Test
    void infiniteDurationHasNoEnd() {
        assertNull(new IntervalPeriod(START, IsoDuration.INFINITE, null).end());
        assertEquals(OffsetDateTime.parse("2025-02-01T00:00:00Z"), new IntervalPeriod(START, "P1D", null).end());
    }
}
