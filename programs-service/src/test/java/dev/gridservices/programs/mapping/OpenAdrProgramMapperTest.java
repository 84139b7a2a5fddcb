package dev.gridservices.programs.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.gridservices.kit.json.JsonText;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.openadr.IntervalPeriod;
import dev.gridservices.openadr.ProgramAttributes;
import dev.gridservices.openadr.ProgramRequest;
import dev.gridservices.openadr.ValuesMap;
import dev.gridservices.programs.repository.Program;
import dev.gridservices.programs.repository.ProgramType;
import dev.gridservices.programs.repository.Visibility;
import dev.gridservices.kit.tenancy.Tenant;
import dev.gridservices.programs.service.Caller;
import dev.gridservices.programs.service.ProgramDraft;
import dev.gridservices.security.OrganizationKind;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unit test of the /v2 mapping alone: request → draft → stored row → OpenADR program. */
class OpenAdrProgramMapperTest {

    private final JsonText json = new JsonText(new ObjectMapper().registerModule(new JavaTimeModule()));
    private final OpenAdrProgramMapper mapper = new OpenAdrProgramMapper(json);

    @Test
    void knownAttributesBecomeDomainFieldsAndTheRestIsKept() {
        ProgramDraft draft = mapper.toDraft(new ProgramRequest("ResTOU",
                new IntervalPeriod(OffsetDateTime.parse("2026-01-01T00:00:00Z"), "P1Y", "PT5M"), null, null,
                List.of(ValuesMap.of(ProgramAttributes.PROGRAM_TYPE, "time_of_use"),
                        ValuesMap.of(ProgramAttributes.PRINCIPAL_SUBDIVISION, "US-CA", "US-CA", "US-OR"),
                        ValuesMap.of(ProgramAttributes.X_YEAR, 2026),
                        ValuesMap.of(ProgramAttributes.RETAILER_NAME, "ACME")),
                List.of("north")));
        assertThat(draft.name()).isEqualTo("ResTOU");
        assertThat(draft.programType()).isEqualTo(ProgramType.TIME_OF_USE);
        assertThat(draft.states()).containsExactly("CA", "OR");
        assertThat(draft.year()).isEqualTo(2026);
        assertThat(draft.visibility()).isEqualTo(Visibility.PRIVATE);
        assertThat(draft.active()).isTrue();
        assertThat(draft.endTime()).isEqualTo(OffsetDateTime.parse("2027-01-01T00:00:00Z"));
        assertThat(draft.extraAttributes()).extracting(ValuesMap::type).containsExactly("RETAILER_NAME");
    }

    @Test
    void aStoredProgramMapsBackWithTheSameFacts() {
        Program row = new Program();
        row.id = "cprog";
        row.slug = "nyc-battery";
        row.name = "NYC Battery";
        row.description = "";
        row.states = new String[] {"NY"};
        row.active = false;
        row.visibility = "public";
        row.programType = "rebate";
        row.startTime = OffsetDateTime.parse("2026-01-01T00:00:00Z");
        row.endTime = OffsetDateTime.parse("2026-01-02T00:00:00Z");
        row.descriptionUrls = "[]";
        row.extraAttributes = "[]";
        row.targets = new String[0];
        row.organizationId = "org-owner";
        row.createdAt = row.startTime;
        row.updatedAt = row.startTime;

        dev.gridservices.openadr.Program program = mapper.toOpenAdr(row, Caller.admin());
        assertThat(program.programName()).isEqualTo("nyc-battery");
        assertThat(program.intervalPeriod().duration()).isEqualTo("PT86400S");
        assertThat(program.intervalPeriod().end()).isEqualTo(row.endTime);
        assertThat(program.targets()).isNull();
        assertThat(program.programDescriptions()).isNull();
        assertThat(ValuesMap.firstText(program.attributes(), ProgramAttributes.PROGRAM_TYPE)).contains("REBATE");
        assertThat(ValuesMap.firstText(program.attributes(), ProgramAttributes.PRINCIPAL_SUBDIVISION)).contains("US-NY");
        assertThat(ValuesMap.find(program.attributes(), ProgramAttributes.X_DESCRIPTION)).isEmpty();

        ProgramDraft again = mapper.toDraft(new ProgramRequest(program.programName(), program.intervalPeriod(),
                program.programDescriptions(), program.payloadDescriptors(), program.attributes(), program.targets()));
        assertThat(again.active()).isFalse();
        assertThat(again.visibility()).isEqualTo(Visibility.PUBLIC);
        assertThat(again.endTime()).isEqualTo(row.endTime);
        assertThat(again.extraAttributes()).isEmpty();
    }

    @Test
    void onlyTheOwnerSeesEveryTargetAndAVenOnlyItsOwn() {
        Program row = new Program();
        row.id = "ctargeted";
        row.slug = "targeted";
        row.name = "Targeted";
        row.description = "";
        row.states = new String[0];
        row.visibility = "private";
        row.descriptionUrls = "[]";
        row.extraAttributes = "[]";
        row.targets = new String[] {"ven-a", "ven-b", "feeder-7"};
        row.organizationId = "org-utility";

        assertThat(mapper.toOpenAdr(row, Caller.tenant(Tenant.of("org-utility", null), OrganizationKind.UTILITY, null))
                .targets()).containsExactly("ven-a", "ven-b", "feeder-7");
        assertThat(mapper.toOpenAdr(row, Caller.admin()).targets()).hasSize(3);
        assertThat(mapper.toOpenAdr(row, Caller.tenant(Tenant.of("org-oem", null), OrganizationKind.OEM, "ven-b"))
                .targets()).containsExactly("ven-b");
        assertThat(mapper.toOpenAdr(row, Caller.tenant(Tenant.of("org-oem", null), OrganizationKind.OEM, "ven-z"))
                .targets()).isNull();
        assertThat(mapper.toOpenAdr(row, Caller.tenant(Tenant.of("org-oem", null), OrganizationKind.OEM, null))
                .targets()).isNull();
    }

    @Test
    void reservedRouteWordsAreNotProgramNames() {
        for (String word : List.of("reports", "Offers", "instances")) {
            assertThatThrownBy(() -> mapper.toDraft(new ProgramRequest(word, null, null, null, null, null)))
                    .isInstanceOf(ProblemException.class)
                    .satisfies(e -> assertThat(((ProblemException) e).errors().get(0).field()).isEqualTo("programName"));
        }
    }

    @Test
    void badAttributesNameTheirPosition() {
        assertThatThrownBy(() -> mapper.toDraft(new ProgramRequest("p", null, null, null,
                List.of(ValuesMap.of(ProgramAttributes.X_ACTIVE, "yes")), null)))
                .isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).errors().get(0).field())
                        .isEqualTo("attributes[0].values[0]"));
        assertThatThrownBy(() -> mapper.toDraft(new ProgramRequest("p", null, null, null,
                List.of(ValuesMap.of(ProgramAttributes.COUNTRY, "CA")), null)))
                .isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> mapper.toDraft(new ProgramRequest("p",
                new IntervalPeriod(null, "-P1D", null), null, null, null, null)))
                .isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).errors().get(0).field())
                        .isEqualTo("intervalPeriod.duration"));
    }
}
