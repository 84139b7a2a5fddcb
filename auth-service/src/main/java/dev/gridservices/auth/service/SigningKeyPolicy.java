package dev.gridservices.auth.service;

import java.time.Duration;
import java.time.Instant;

/** The timing rules of the key lifecycle, apart from storage so they can be checked with a fixed clock. */
public final class SigningKeyPolicy {

    private SigningKeyPolicy() {
    }

    /** A waiting key may start signing once it has been published for at least {@code minAge}. */
    public static boolean mayActivate(Instant nextCreatedAt, Instant now, Duration minAge) {
        return !nextCreatedAt.plus(minAge).isAfter(now);
    }

    /** A retired key stays published until the last token it signed has expired, plus clock skew. */
    public static Instant publishUntil(Instant retiredAt, Duration tokenLifetime, Duration clockSkew) {
        return retiredAt.plus(tokenLifetime).plus(clockSkew);
    }
}
