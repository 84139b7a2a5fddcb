package dev.gridservices.programs.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridservices.programs.repository.Program;
import dev.gridservices.programs.repository.ProgramInstance;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** Unit test of the small rules: who may enroll, derived slugs, state codes. */
class ProgramRulesTest {

    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-06-01T00:00:00Z");

    private static ProgramInstance instance(String status, boolean programActive) {
        Program program = new Program();
        program.active = programActive;
        ProgramInstance instance = new ProgramInstance();
        instance.program = program;
        instance.status = status;
        return instance;
    }

    @Test
    void onlyAnActiveInstanceOfAnActiveProgramThatHasNotEndedAcceptsEnrollments() {
        assertThat(Enrollability.acceptsEnrollments(instance("active", true), NOW)).isTrue();
        assertThat(Enrollability.acceptsEnrollments(instance("inactive", true), NOW)).isFalse();
        assertThat(Enrollability.acceptsEnrollments(instance("archived", true), NOW)).isFalse();
        assertThat(Enrollability.acceptsEnrollments(instance("active", false), NOW)).isFalse();

        ProgramInstance ended = instance("active", true);
        ended.endDate = NOW;
        assertThat(Enrollability.acceptsEnrollments(ended, NOW)).isFalse();
        ended.endDate = NOW.plusSeconds(1);
        assertThat(Enrollability.acceptsEnrollments(ended, NOW)).isTrue();
        ended.program.endTime = NOW.minusDays(1);
        assertThat(Enrollability.acceptsEnrollments(ended, NOW)).isFalse();
    }

    @Test
    void derivedSlugsAreUrlSafeAndEndWithTheIdsTail() {
        assertThat(ProgramInstanceService.slugFor("NYC Battery Program 2025 – ConEd!", "cabcdefgh12345678"))
                .isEqualTo("nyc-battery-program-2025-coned-12345678");
        assertThat(ProgramInstanceService.slugFor("Économie d'énergie", "c000000000000abcdefgh"))
                .isEqualTo("economie-d-energie-abcdefgh");
        assertThat(ProgramInstanceService.slugFor("!!!", "c000000000000abcdefgh")).isEqualTo("abcdefgh");
    }

    @Test
    void stateCodesAreTheUsPostalCodes() {
        assertThat(UsStates.isValid("NY")).isTrue();
        assertThat(UsStates.isValid("DC")).isTrue();
        assertThat(UsStates.isValid("PR")).isTrue();
        assertThat(UsStates.isValid("ny")).isFalse();
        assertThat(UsStates.isValid("ZZ")).isFalse();
        assertThat(UsStates.isValid(null)).isFalse();
        assertThat(Ids.newId()).matches("^c[a-z0-9]{24}$");
    }
}
