package dev.gridservices.enrollment;

import dev.gridservices.testkit.AbstractServiceContractTest;
import dev.gridservices.testkit.InfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class ServiceContractTest extends AbstractServiceContractTest {
}
