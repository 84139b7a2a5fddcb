package dev.gridservices.programs;

import static dev.gridservices.programs.Api.bearer;
import static dev.gridservices.programs.Api.newOrg;
import static dev.gridservices.programs.Api.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.atlassian.oai.validator.model.Request.Method;
import dev.gridservices.programs.service.CatalogSeeder;
import dev.gridservices.testkit.Infrastructure;
import dev.gridservices.testkit.KafkaTestConsumer;
import dev.gridservices.testkit.openadr.OpenAdrSchema;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.awaitility.Awaitility;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.junit.jupiter.api.Test;

/** The public catalog seeded from CommonGrid at startup: once, with attribution, in both API shapes. */
@QuarkusTest
@TestProfile(CommonGridSeedTest.SeedProfile.class)
class CommonGridSeedTest {

    public static class SeedProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("programs.seed.commongrid.enabled", "true",
                    "quarkus.log.category.\"dev.gridservices.programs.service.CatalogSeeder\".level", "DEBUG");
        }
    }

    private static final String SEEDED_ID = "prog-drivev-smart-charging-rewards";
    private static final String SEEDED_SLUG = "drivev-smart-charging-rewards";

    @Inject
    CatalogSeeder seeder;

    @Test
    void everyCommonGridProgramIsSeededOnceAndAttributed() throws Throwable {
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(seededRows()).isEqualTo(607));
        List<String> parsedOn = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            // The message with its parameters filled in, whichever format style the record uses
            private final PatternFormatter message = new PatternFormatter("%s");

            @Override
            public void publish(LogRecord record) {
                String text = message.formatMessage(record);
                if (text != null && text.contains("CommonGrid seed programs on thread")) {
                    parsedOn.add(text);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(CatalogSeeder.class.getName());
        capture.setLevel(Level.ALL);
        logger.addHandler(capture);
        try {
            // Subscribed on the event loop, as at startup: the file is still parsed on a worker thread.
            assertThat(VertxContextSupport.subscribeAndAwait(seeder::seed)).isZero();
        } finally {
            logger.removeHandler(capture);
        }
        assertThat(parsedOn).hasSize(1);
        assertThat(parsedOn.get(0)).doesNotContain("eventloop").contains("executor-thread");
        assertThat(seededRows()).isEqualTo(607);

        String anyOrg = newOrg();
        server(anyOrg).get("/v1/programs/" + SEEDED_SLUG).then().statusCode(200)
                .body("id", equalTo(SEEDED_ID))
                .body("name", equalTo("DrivEV Smart Charging Rewards"))
                .body("states", contains("CO"))
                .body("visibility", equalTo("public"))
                .body("active", equalTo(true))
                .body("programType", equalTo("demand_response"));

        Response program = bearer(anyOrg, "read_programs").get("/v2/programs/" + SEEDED_ID);
        program.then().statusCode(200)
                .body("programName", equalTo(SEEDED_SLUG))
                .body("programDescriptions[0].URL", containsString("pvrea.coop"))
                .body("attributes.find { it.type == 'RETAILER_LONG_NAME' }.values", contains("Poudre Valley REA"))
                .body("attributes.find { it.type == 'x-texture:SOURCE' }.values[0]", containsString("CommonGrid"))
                .body("attributes.find { it.type == 'x-texture:SOURCE' }.values[0]", containsString("ODbL"));
        OpenAdrSchema.assertValid("/v2/programs/" + SEEDED_ID, Method.GET, 200, program.asString());
        Response page = bearer(anyOrg, "read_programs").queryParam("limit", 50).get("/v2/programs");
        OpenAdrSchema.assertValid("/v2/programs", Method.GET, 200, page.asString());

        bearer(anyOrg, "write_programs").delete("/v2/programs/" + SEEDED_ID).then().statusCode(403);
        // The catalog is the platform's: its admin may change it.
        Api.admin().get("/v1/programs/" + SEEDED_SLUG).then().statusCode(200).body("id", equalTo(SEEDED_ID));
        assertThat(KafkaTestConsumer.await("programs.changed",
                r -> SEEDED_ID.equals(r.key()) && r.value().contains("\"program.created\""), Duration.ofSeconds(30)))
                .isNotEmpty();
    }

    private static int seededRows() throws Exception {
        try (Connection c = DriverManager.getConnection(Infrastructure.postgres().jdbcUrl(), "postgres", "");
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT count(*) FROM program WHERE organization_id = '" + CatalogSeeder.OWNER + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
