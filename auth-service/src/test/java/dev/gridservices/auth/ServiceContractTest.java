package dev.gridservices.auth;

import dev.gridservices.testkit.AbstractServiceContractTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(AuthTestResource.class)
class ServiceContractTest extends AbstractServiceContractTest {
}
