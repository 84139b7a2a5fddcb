package dev.gridservices.security;

import jakarta.json.JsonString;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/** Reading scopes from token claims and checking them against what an endpoint requires. */
public final class Scopes {

    private Scopes() {
    }

    /**
     * The scopes in a {@code scope} claim. RFC 8693/9068 say a space-separated string; some issuers send
     * a JSON array instead, so both are accepted. Empty entries are dropped.
     */
    public static Set<String> parse(Object claim) {
        Set<String> scopes = new LinkedHashSet<>();
        if (claim instanceof String text) {
            Arrays.stream(text.trim().split("\\s+")).filter(s -> !s.isEmpty()).forEach(scopes::add);
        } else if (claim instanceof Collection<?> values) {
            values.stream().map(Scopes::text).filter(s -> !s.isBlank()).forEach(s -> scopes.add(s.trim()));
        }
        return scopes;
    }

    /** Whether {@code held} contains at least one of {@code required}; nothing required means allowed. */
    public static boolean allowsAny(Set<String> held, String... required) {
        return required.length == 0 || Arrays.stream(required).anyMatch(held::contains);
    }

    /** A token's JSON array holds {@link JsonString}s, whose toString would keep the quotes. */
    private static String text(Object value) {
        return value instanceof JsonString json ? json.getString() : String.valueOf(value);
    }
}
