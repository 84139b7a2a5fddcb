package dev.gridservices.programs;

import static dev.gridservices.programs.Api.createProgram;
import static dev.gridservices.programs.Api.newOrg;
import static dev.gridservices.programs.Api.newSlug;
import static dev.gridservices.programs.Api.program;
import static dev.gridservices.programs.Api.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.gridservices.testkit.Infrastructure;
import dev.gridservices.testkit.InfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

/** How programs are stored and queried: jsonb columns, GIN-indexed arrays, lists without N+1 selects. */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class StorageTest {

    @Inject
    Mutiny.SessionFactory sessions;

    @Test
    void jsonColumnsAreJsonb() throws Exception {
        Map<String, String> types = new HashMap<>();
        try (Connection c = connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT table_name || '.' || column_name, data_type FROM "
                     + "information_schema.columns WHERE table_name IN ('program', 'program_instance')")) {
            while (rs.next()) {
                types.put(rs.getString(1), rs.getString(2));
            }
        }
        for (String column : List.of("program.description_urls", "program.payload_descriptors",
                "program.extra_attributes", "program_instance.eligibility_criteria", "program_instance.form_config",
                "program_instance.metadata")) {
            assertThat(types.get(column)).as(column).isEqualTo("jsonb");
        }
    }

    @Test
    void arrayFiltersUseGinIndexes() throws Exception {
        try (Connection c = connection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("SET LOCAL enable_seqscan = off");
            assertThat(plan(s, "SELECT id FROM program WHERE targets @> ARRAY['ven-1']::varchar[]"))
                    .contains("program_targets");
            assertThat(plan(s, "SELECT id FROM program WHERE states @> ARRAY['NY']::varchar[]"))
                    .contains("program_states");
            c.rollback();
        }
    }

    @Test
    void listingInstancesJoinsTheirProgramsInsteadOfOneSelectEach() {
        String org = newOrg();
        for (int i = 0; i < 4; i++) {
            String slug = newSlug("n-plus-one");
            createProgram(org, program(slug, "private", "KS"));
            Api.createInstance(org, slug, Map.of());
        }
        server(org).get("/v1/programInstances").then().statusCode(200).body("totalItems", equalTo(4));
        long fetchesBefore = sessions.getStatistics().getEntityFetchCount();
        long loadsBefore = sessions.getStatistics().getEntityLoadCount();
        List<String> programs = new ArrayList<>(server(org).get("/v1/programInstances").then().statusCode(200)
                .body("data.size()", equalTo(4)).extract().path("data.program.slug"));
        assertThat(programs).hasSize(4).doesNotContainNull();
        assertThat(sessions.getStatistics().getEntityLoadCount() - loadsBefore).as("instances and programs loaded")
                .isGreaterThanOrEqualTo(8);
        assertThat(sessions.getStatistics().getEntityFetchCount() - fetchesBefore).as("separate program selects")
                .isZero();
    }

    private static String plan(Statement s, String sql) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = s.executeQuery("EXPLAIN " + sql)) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    private static Connection connection() throws Exception {
        return DriverManager.getConnection(Infrastructure.postgres().jdbcUrl(), "postgres", "");
    }
}
