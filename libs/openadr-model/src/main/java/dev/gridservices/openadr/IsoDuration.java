package dev.gridservices.openadr;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenADR 3.1 {@code duration}: ISO 8601 with calendar parts (years, months, weeks/days) and time
 * parts. {@link java.time.Duration} rejects years and months and {@link Period} rejects time, so the two
 * halves are kept apart and applied to a start in calendar-then-clock order.
 */
public record IsoDuration(boolean negative, Period period, Duration time) {

    /** The schema's own pattern for {@code duration}, so what we accept is exactly what validates. */
    public static final Pattern PATTERN = Pattern.compile(
            "^(-?)P(?=\\d|T\\d)(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)([DW]))?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:\\.\\d+)?)S)?)?$");

    /** "P9999Y" is the User Guide's way of saying "indefinitely". */
    public static final String INFINITE = "P9999Y";

    public static boolean isValid(String text) {
        return text != null && PATTERN.matcher(text).matches();
    }

    public static boolean isInfinite(String text) {
        return INFINITE.equals(text);
    }

    public static IsoDuration parse(String text) {
        Matcher m = text == null ? null : PATTERN.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("Not an ISO 8601 duration: " + text);
        }
        int years = intOf(m.group(2));
        int months = intOf(m.group(3));
        int days = intOf(m.group(4));
        if ("W".equals(m.group(5))) {
            days *= 7;
        }
        Duration time = Duration.ofHours(intOf(m.group(6))).plusMinutes(intOf(m.group(7)));
        if (m.group(8) != null) {
            time = time.plusNanos(new java.math.BigDecimal(m.group(8)).movePointRight(9).longValueExact());
        }
        return new IsoDuration(!m.group(1).isEmpty(), Period.of(years, months, days), time);
    }

    public OffsetDateTime addTo(OffsetDateTime start) {
        return negative ? start.minus(period).minus(time) : start.plus(period).plus(time);
    }

    /** The exact span between two instants, written with time parts only (always valid per the schema). */
    public static String between(OffsetDateTime start, OffsetDateTime end) {
        Duration span = Duration.between(start, end);
        String sign = span.isNegative() ? "-" : "";
        long seconds = Math.abs(span.getSeconds());
        int nanos = span.isNegative() && span.getNano() > 0 ? 1_000_000_000 - span.getNano() : span.getNano();
        if (span.isNegative() && span.getNano() > 0) {
            seconds -= 1;
        }
        StringBuilder text = new StringBuilder(sign).append("PT").append(seconds);
        if (nanos > 0) {
            text.append('.').append(String.format("%09d", nanos).replaceAll("0+$", ""));
        }
        return text.append('S').toString();
    }

    private static int intOf(String group) {
        return group == null ? 0 : Integer.parseInt(group);
    }
}
