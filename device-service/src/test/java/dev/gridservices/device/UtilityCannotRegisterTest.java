package dev.gridservices.device;

import static dev.gridservices.device.Api.newOrg;
import static dev.gridservices.device.Api.utilityServer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.gridservices.device.repository.Device;
import dev.gridservices.device.repository.Site;
import dev.gridservices.device.repository.Ven;
import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.auth.TestCredentials;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's 403 matrix for device-service: a utility organization registers no device, VEN or site — not
 * with a token (even one carrying the OEM scopes) and not with its SERVER key — and nothing is written.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class UtilityCannotRegisterTest {

    private static void forbidden(RequestSpecification caller, Object body, String path) {
        caller.body(body).post(path).then().statusCode(403).contentType("application/problem+json")
                .body("status", equalTo(403)).body("title", notNullValue());
    }

    private static long count(Class<?> entity, String organizationId) throws Throwable {
        String hql = "select count(*) from " + entity.getSimpleName() + " where organizationId = ?1";
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession()
                .flatMap(s -> s.createQuery(hql, Long.class).setParameter(1, organizationId).getSingleResult())));
    }

    @Test
    void aUtilitysTokenAndKeyCannotRegisterDevicesVensOrSites() throws Throwable {
        String utility = newOrg();
        // A real OEM VEN and site, so the bodies would be valid for their owner.
        String oem = newOrg();
        String venId = Api.createVen(oem);
        String siteId = Api.createSite(Api.oemServer(oem));
        Map<String, Object> resource = Api.battery(venId, Api.unique("BAT"), siteId);
        Map<String, Object> ven = Map.of("objectType", "VEN_VEN_REQUEST", "venName", Api.unique("ven"));
        Map<String, Object> site = Api.siteBody("1600 Glenarm Pl", "Denver", "CO", "80202");
        Map<String, Object> device = Map.of("manufacturerDeviceId", "M-1", "deviceModelId", "model", "siteId", siteId);

        List<RequestSpecification> callers = List.of(
                utilityServer(utility),
                Api.json(given().auth().oauth2(TestCredentials.bearer(utility, "read_all", "write_programs",
                        "write_events"))),
                // Even with the OEM scopes in its token, a utility is not an OEM.
                Api.json(given().auth().oauth2(TestCredentials.bearer(utility, "write_vens", "read_ven_objects",
                        "write_reports"))));
        for (RequestSpecification caller : callers) {
            forbidden(caller, resource, "/v2/resources");
            forbidden(caller, ven, "/v2/vens");
            forbidden(caller, site, "/v2/x-texture/sites");
        }
        // Core API registration takes an OEM's MANUFACTURER key: a utility's SERVER key is refused, as is a token.
        forbidden(utilityServer(utility), device, "/v1/devices");
        forbidden(callers.get(1), device, "/v1/devices");

        assertThat(count(Device.class, utility)).isZero();
        assertThat(count(Ven.class, utility)).isZero();
        assertThat(count(Site.class, utility)).isZero();
        // And nothing was written for the OEM whose VEN and site the bodies named.
        assertThat(count(Device.class, oem)).isZero();
    }
}
