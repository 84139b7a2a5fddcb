package dev.gridservices.kit.json;

import dev.gridservices.kit.problem.ProblemException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Refuses a JSON body that carries the escape {@code \u0000} anywhere (a string value, a key, a
 * free-form object): PostgreSQL accepts no NUL character in {@code text} nor {@code jsonb}, so such a
 * value would otherwise fail at the database as a 500, or be stored somewhere and fail later. A raw
 * NUL byte is already invalid JSON. The body is bounded by {@code quarkus.http.limits.max-body-size},
 * so reading it whole costs one copy.
 */
@Provider
public class NulCharacterGuard implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        if (type == null || !(type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"))) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
        int at = nulEscape(body);
        if (at >= 0) {
            throw ProblemException.invalid("body", "contains a NUL character (\\u0000) at offset " + at
                    + ", which is not accepted in any value");
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    /** Offset of a {@code \u0000} escape (not an escaped backslash followed by "u0000"), or -1. */
    static int nulEscape(byte[] body) {
        for (int i = 0; i + 5 < body.length; i++) {
            if (body[i] != '\\') {
                continue;
            }
            if (body[i + 1] == 'u' && body[i + 2] == '0' && body[i + 3] == '0' && body[i + 4] == '0'
                    && body[i + 5] == '0') {
                return i;
            }
            i++; // the escaped character, so that "\\" never starts an escape of its own
        }
        return -1;
    }
}
