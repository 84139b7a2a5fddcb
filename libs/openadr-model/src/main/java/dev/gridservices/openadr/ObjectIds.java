package dev.gridservices.openadr;

import java.util.regex.Pattern;

/** OpenADR 3.1 {@code objectID}: URL safe, 1..128 characters. */
public final class ObjectIds {

    public static final Pattern PATTERN = Pattern.compile("^[a-zA-Z0-9_-]{1,128}$");

    private ObjectIds() {
    }

    public static boolean isValid(String id) {
        return id != null && PATTERN.matcher(id).matches();
    }
}
