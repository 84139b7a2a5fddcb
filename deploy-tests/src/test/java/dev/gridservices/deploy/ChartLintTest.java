package dev.gridservices.deploy;

import com.marcnuri.helm.Helm;
import dev.gridservices.deploy.Chart.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** helm lint --strict and helm template for every values variant; the schema refuses what must not be set. */
class ChartLintTest {

    @ParameterizedTest
    @EnumSource(Variant.class)
    void lintsStrictWithEveryValuesVariant(Variant variant) {
        var result = new Helm(Chart.chartCopyWithValues(variant)).lint().strict().call();

        assertThat(result.getMessages()).as("helm lint --strict messages (%s)", variant)
                .noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
        assertThat(result.isFailed()).as("helm lint --strict failed (%s): %s", variant, result.getMessages()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void rendersEveryComponent(Variant variant) {
        assertThat(Chart.ofKind(variant, "Deployment")).extracting(Chart::name)
                .containsExactlyInAnyOrderElementsOf(Chart.SERVICES);
        assertThat(Chart.ofKind(variant, "StatefulSet")).extracting(Chart::name).containsExactly("mqtt-broker");
        assertThat(Chart.ofKind(variant, "Secret")).as("the chart never carries secret values").isEmpty();
    }

    @Test
    void schemaRefusesASecondBrokerReplica() {
        assertThatThrownBy(() -> Chart.template(Variant.DEFAULT, Map.of("mqttBroker.replicas", 2)))
                .hasMessageContaining("replicas");
    }

    @Test
    void schemaRefusesAnUnknownMigrationMode() {
        assertThatThrownBy(() -> Chart.template(Variant.DEFAULT, Map.of("migrations.mode", "liquibase")))
                .hasMessageContaining("migrations");
    }
}
