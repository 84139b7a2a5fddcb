package dev.gridservices.programs.rest;

import dev.gridservices.kit.problem.ProblemException;
import jakarta.ws.rs.core.EntityTag;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ETags of versioned objects (programs, instances) and the {@code If-Match} precondition. The ETag is the
 * row's optimistic-lock version; a write with an If-Match naming an older version is refused with 409, like a
 * write that loses the race at the database.
 */
final class Versions {

    static final String IF_MATCH = "If-Match";
    private static final Pattern TAG = Pattern.compile("^(?:W/)?\"(\\d{1,18})\"$");

    private Versions() {
    }

    /** The strong entity tag {@code "<version>"} (JAX-RS adds the quotes). */
    static EntityTag etag(long version) {
        return new EntityTag(String.valueOf(version));
    }

    /** The version an If-Match header expects; null when absent or {@code *} (any current version). */
    static Long expected(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        Matcher m = TAG.matcher(ifMatch.trim());
        if (!m.matches()) {
            throw ProblemException.invalid(IF_MATCH, "must be one ETag this API returned, e.g. \"3\"");
        }
        return Long.valueOf(m.group(1));
    }
}
