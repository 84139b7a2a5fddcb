package dev.gridservices.telemetry.messaging;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A growable byte buffer that JSON is written into directly: constant pieces as prepared bytes, strings quoted
 * and escaped as JSON requires. For the {@code telemetry.raw} records, whose layout is fixed: a
 * {@code JsonGenerator} per record (its context, duplicate tracking and char-to-byte encoding of every field
 * name) was most of the record's cost (profile in docs/benchmarks.md).
 */
final class JsonBytes {

    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] QUOTE = {'"'};
    private static final byte[] OPEN = {'['};
    private static final byte[] COMMA = {','};
    private static final byte[] CLOSE = {']'};
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private byte[] buffer;
    private int length;

    JsonBytes(int capacity) {
        buffer = new byte[capacity];
    }

    static byte[] bytes(String constant) {
        return constant.getBytes(StandardCharsets.US_ASCII);
    }

    JsonBytes raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
        return this;
    }

    /** {@code value} as a JSON string (quoted, escaped), or {@code null}. */
    JsonBytes string(String value) {
        if (value == null) {
            return raw(NULL);
        }
        int n = value.length();
        ensure(n + 2);
        int at = length;
        buffer[at++] = '"';
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
                // Not plain printable ASCII: let Jackson escape and encode it.
                length++;
                raw(JsonStringEncoder.getInstance().quoteAsUTF8(value));
                return raw(QUOTE);
            }
            buffer[at++] = (byte) c;
        }
        buffer[at++] = '"';
        length = at;
        return this;
    }

    /** A JSON value of what the report parser produces: Long, Double, Boolean, String, a list of them, or null. */
    JsonBytes value(Object v) {
        if (v instanceof Long l) {
            return ascii(Long.toString(l));
        }
        if (v instanceof Double d) {
            // As Jackson writes a double by default: Double.toString, and the non-finite ones as strings.
            return Double.isFinite(d) ? ascii(Double.toString(d)) : string(Double.toString(d));
        }
        if (v instanceof Boolean b) {
            return ascii(b ? "true" : "false");
        }
        if (v instanceof String s) {
            return string(s);
        }
        if (v instanceof List<?> list) {
            raw(OPEN);
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    raw(COMMA);
                }
                value(list.get(i));
            }
            return raw(CLOSE);
        }
        return raw(NULL);
    }

    /** A UUID's canonical text (quoted) from its two halves. */
    JsonBytes uuid(long high, long low) {
        ensure(38);
        buffer[length++] = '"';
        hex(high >>> 32, 8);
        buffer[length++] = '-';
        hex(high >>> 16, 4);
        buffer[length++] = '-';
        hex(high, 4);
        buffer[length++] = '-';
        hex(low >>> 48, 4);
        buffer[length++] = '-';
        hex(low, 12);
        buffer[length++] = '"';
        return this;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, length);
    }

    private JsonBytes ascii(String text) {
        int n = text.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buffer[length++] = (byte) text.charAt(i);
        }
        return this;
    }

    private void hex(long value, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            buffer[length + i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
        length += digits;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
