package dev.gridservices.programs;

import static dev.gridservices.programs.Api.admin;
import static dev.gridservices.programs.Api.bearer;
import static dev.gridservices.programs.Api.newOrg;
import static dev.gridservices.programs.Api.newSlug;
import static dev.gridservices.programs.Api.oemBearer;
import static dev.gridservices.programs.Api.oemServer;
import static dev.gridservices.programs.Api.server;
import static dev.gridservices.programs.Api.ven;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridservices.testkit.Infrastructure;
import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.KafkaTestConsumer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Offers: a utility's private program reaches OEM organizations only by being offered, to named ones or to
 * all; tested with two utilities and two OEM organizations. What crosses the boundary crosses only so.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class OfferTest {

    private static final String READ = "read_programs";

    /** A private /v2 program of {@code utility} carrying {@code target}; returns its id. */
    private static String privateProgram(String utility, String name, String target) {
        return bearer(utility, "write_programs").body(Map.of("programName", name, "targets", List.of(target)))
                .post("/v2/programs").then().statusCode(201).extract().path("id");
    }

    @Test
    void anOfferedProgramIsVisibleToTheOfferedOemOnly() throws Exception {
        String utility = newOrg();
        String otherUtility = newOrg();
        String oem = newOrg();
        String otherOem = newOrg();
        String tag = "offer-tag-" + utility;
        String offered = privateProgram(utility, newSlug("offered"), tag);
        // A public program with the same target: the positive marker every list below must contain.
        String marker = admin().body(Map.of("programName", newSlug("marker"), "targets", List.of(tag),
                        "attributes", List.of(Map.of("type", "x-texture:VISIBILITY", "values", List.of("public")))))
                .post("/v2/programs").then().statusCode(201).extract().path("id");

        // Before any offer: invisible outside the utility.
        oemBearer(oem, READ).get("/v2/programs/" + offered).then().statusCode(404);
        oemBearer(oem, READ).queryParam("targets", tag).get("/v2/programs").then().statusCode(200)
                .body("id", contains(marker));

        Response created = server(utility).body(Map.of("organizationIds", List.of(oem))).post("/v1/programs/"
                + offered + "/offers");
        created.then().statusCode(201).body("programId", equalTo(offered)).body("allOems", equalTo(false))
                .body("organizationIds", contains(oem));
        server(utility).get(created.header("Location")).then().statusCode(200).body("organizationIds", contains(oem));
        // Offering again changes nothing.
        server(utility).body(Map.of("organizationIds", List.of(oem))).post("/v1/programs/" + offered + "/offers")
                .then().statusCode(200).body("organizationIds", contains(oem));

        // The offered OEM organization: its tokens, VENs and keys read it (/v2 and /v1).
        oemBearer(oem, READ).get("/v2/programs/" + offered).then().statusCode(200).body("id", equalTo(offered));
        ven(oem, "ven-" + oem, "read_targets").get("/v2/programs/" + offered).then().statusCode(404);
        oemBearer(oem, READ).queryParam("targets", tag).get("/v2/programs").then().statusCode(200)
                .body("id", containsInAnyOrder(offered, marker));
        oemServer(oem).get("/v1/programs/" + offered).then().statusCode(200);
        // Everyone else: still invisible.
        oemBearer(otherOem, READ).get("/v2/programs/" + offered).then().statusCode(404);
        oemBearer(otherOem, READ).queryParam("targets", tag).get("/v2/programs").then().statusCode(200)
                .body("id", contains(marker));
        oemServer(otherOem).get("/v1/programs/" + offered).then().statusCode(404);
        bearer(otherUtility, READ).get("/v2/programs/" + offered).then().statusCode(404);
        server(otherUtility).get("/v1/programs/" + offered).then().statusCode(404);
        // Only the owner sees (and changes) the offers.
        oemServer(oem).get("/v1/programs/" + offered + "/offers").then().statusCode(403);
        server(otherUtility).get("/v1/programs/" + offered + "/offers").then().statusCode(404);
        server(otherUtility).body(Map.of("allOems", true)).post("/v1/programs/" + offered + "/offers").then()
                .statusCode(404);

        JsonNode event = awaitOffers(offered, oem);
        assertThat(event.path("tenant").asText()).isEqualTo(utility);
        assertThat(event.path("payload").path("allOems").asBoolean()).isFalse();

        // Withdrawn: gone again for that OEM organization (the marker stays).
        server(utility).delete("/v1/programs/" + offered + "/offers/" + oem).then().statusCode(204);
        server(utility).delete("/v1/programs/" + offered + "/offers/" + oem).then().statusCode(404);
        oemBearer(oem, READ).get("/v2/programs/" + offered).then().statusCode(404);
        oemBearer(oem, READ).queryParam("targets", tag).get("/v2/programs").then().statusCode(200)
                .body("id", contains(marker));
    }

    @Test
    void anOfferToAllOemsReachesEveryOemButNoOtherUtility() {
        String utility = newOrg();
        String otherUtility = newOrg();
        String oem = newOrg();
        String otherOem = newOrg();
        String slug = newSlug("for-all-oems");
        String id = server(utility).body(Map.of("slug", slug, "name", "All OEMs")).post("/v1/programs").then()
                .statusCode(201).extract().path("id");
        server(utility).body(Map.of("allOems", true)).post("/v1/programs/" + slug + "/offers").then()
                .statusCode(201).body("allOems", equalTo(true));
        oemBearer(oem, READ).get("/v2/programs/" + id).then().statusCode(200);
        ven(oem, "ven-1-" + oem, "read_targets").get("/v2/programs/" + id).then().statusCode(200)
                .body("programName", equalTo(slug));
        oemBearer(otherOem, READ).get("/v2/programs/" + id).then().statusCode(200);
        oemServer(otherOem).get("/v1/programs/" + id).then().statusCode(200).body("slug", equalTo(slug));
        // Offers are for OEM organizations: another utility does not see it.
        bearer(otherUtility, READ).get("/v2/programs/" + id).then().statusCode(404);
        server(otherUtility).queryParam("include_all", true).queryParam("visibility", "private").get("/v1/programs")
                .then().statusCode(200).body("data.id", not(hasItem(id))).body("totalItems", equalTo(0));
        server(utility).queryParam("include_all", true).queryParam("visibility", "private").get("/v1/programs")
                .then().statusCode(200).body("data.id", contains(id));

        server(utility).delete("/v1/programs/" + slug + "/offers/all-oems").then().statusCode(204);
        oemBearer(otherOem, READ).get("/v2/programs/" + id).then().statusCode(404);
        server(utility).get("/v1/programs/" + slug + "/offers").then().statusCode(200)
                .body("allOems", equalTo(false)).body("organizationIds.size()", equalTo(0));
    }

    @Test
    void badOffersAre400() {
        String utility = newOrg();
        String slug = newSlug("bad-offers");
        server(utility).body(Map.of("slug", slug, "name", "Bad offers")).post("/v1/programs").then().statusCode(201);
        server(utility).body(Map.of()).post("/v1/programs/" + slug + "/offers").then().statusCode(400)
                .body("errors[0].field", equalTo("organizationIds"));
        server(utility).body(Map.of("organizationIds", List.of(utility))).post("/v1/programs/" + slug + "/offers")
                .then().statusCode(400).body("errors[0].field", equalTo("organizationIds"));
        server(utility).body(Map.of("organizationIds", List.of(""))).post("/v1/programs/" + slug + "/offers")
                .then().statusCode(400);
        server(utility).body(Map.of("organizationIds", java.util.Collections.nCopies(101, "org-x")))
                .post("/v1/programs/" + slug + "/offers").then().statusCode(400);
        server(utility).get("/v1/programs/" + slug + "/offers").then().statusCode(200)
                .body("organizationIds.size()", equalTo(0));
    }

    @Test
    void anOfferWaitsForTheProgramRowLock() throws Exception {
        String utility = newOrg();
        String oem = newOrg();
        String slug = newSlug("locked-offer");
        String id = server(utility).body(Map.of("slug", slug, "name", "Locked")).post("/v1/programs").then()
                .statusCode(201).extract().path("id");
        assertWaitsForRowLock(id, () -> server(utility).body(Map.of("organizationIds", List.of(oem)))
                .post("/v1/programs/" + slug + "/offers").statusCode(), 201);
    }

    @Test
    void aNewInstanceWaitsForTheProgramRowLock() throws Exception {
        String utility = newOrg();
        String slug = newSlug("locked-instance");
        String id = server(utility).body(Map.of("slug", slug, "name", "Locked")).post("/v1/programs").then()
                .statusCode(201).extract().path("id");
        assertWaitsForRowLock(id, () -> server(utility).body(Map.of("title", "waits"))
                .post("/v1/programs/" + slug + "/instances").statusCode(), 201);
    }

    /**
     * Holds the program row lock in a JDBC transaction while {@code request} runs: it must not finish until
     * the lock is released, and then finish with {@code status}.
     */
    static void assertWaitsForRowLock(String programId, java.util.function.Supplier<Integer> request, int status)
            throws Exception {
        try (Connection c = DriverManager.getConnection(Infrastructure.postgres().jdbcUrl(), "postgres", "")) {
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement("SELECT id FROM program WHERE id = ? FOR UPDATE")) {
                lock.setString(1, programId);
                lock.executeQuery().close();
            }
            CompletableFuture<Integer> pending = CompletableFuture.supplyAsync(request);
            try {
                Integer early = pending.get(1500, TimeUnit.MILLISECONDS);
                throw new AssertionError("finished with " + early + " while the program row was locked");
            } catch (TimeoutException expected) {
                // still waiting for the lock, as it should
            }
            c.commit();
            assertThat(pending.get(20, TimeUnit.SECONDS)).isEqualTo(status);
        }
    }

    private static JsonNode awaitOffers(String programId, String oem) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        List<ConsumerRecord<String, String>> records = KafkaTestConsumer.await("programs.changed", r -> {
            try {
                JsonNode e = mapper.readTree(r.value());
                return "programOffers.changed".equals(e.path("type").asText())
                        && programId.equals(e.path("payload").path("programId").asText())
                        && e.path("payload").path("organizationIds").toString().contains(oem);
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(20));
        assertThat(records).as("programOffers.changed for %s", programId).isNotEmpty();
        assertThat(records.get(0).key()).isEqualTo(programId);
        return mapper.readTree(records.get(0).value());
    }
}
