package dev.gridservices.auth.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SigningKeyPolicyTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aWaitingKeySignsOnlyAfterItsMinimumPublicationTime() {
        Duration minAge = Duration.ofMinutes(10);
        assertThat(SigningKeyPolicy.mayActivate(T0, T0.plus(Duration.ofMinutes(9)), minAge)).isFalse();
        assertThat(SigningKeyPolicy.mayActivate(T0, T0.plus(minAge), minAge)).isTrue();
    }

    @Test
    void aRetiredKeyStaysPublishedUntilItsLastTokenExpiredPlusSkew() {
        assertThat(SigningKeyPolicy.publishUntil(T0, Duration.ofHours(1), Duration.ofMinutes(5)))
                .isEqualTo(T0.plus(Duration.ofMinutes(65)));
    }
}
