package dev.gridservices.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The PromQL metric-name extraction MetricNamesIT relies on (no stack needed). */
class PromQlTest {

    @Test
    void functionsAggregationsKeywordsAndLabelsAreNotMetrics() {
        assertThat(PromQl.metricNames("""
                sum by (job, le) (rate(a_b_bucket{status=~"5..", job="x"}[5m])) / ignoring (reason)
                group_left () max without (instance) (c_total offset 10m) > 0.5
                and on (job) absent(up{job="auth-service"}) or vector(0) unless bool_metric == bool 1
                """)).containsExactlyInAnyOrder("a_b_bucket", "c_total", "up", "bool_metric");
    }

    @Test
    void histogramsSummariesAndSubqueries() {
        assertThat(PromQl.metricNames(
                "histogram_quantile(0.99, sum by (le) (rate(telemetry_kafka_ack_latency_seconds_bucket[5m])))"))
                .containsExactly("telemetry_kafka_ack_latency_seconds_bucket");
        assertThat(PromQl.metricNames("max(auth_token_issue_seconds{quantile=\"0.99\"}) > 0.05"))
                .containsExactly("auth_token_issue_seconds");
        assertThat(PromQl.metricNames("max_over_time(rate(x_total[1m])[1h:5m] offset -5m) * 1e-3 + 0x1F"))
                .containsExactly("x_total");
        assertThat(PromQl.metricNames("sum(mqtt_broker_connections) < 0.5 * sum(max_over_time(mqtt_broker_connections[1h] offset 10m))"))
                .containsExactly("mqtt_broker_connections");
    }

    @Test
    void nameMatchersGrafanaVariablesAndRecordingRuleNames() {
        assertThat(PromQl.metricNames("{__name__=\"jvm_memory_used_bytes\", area=\"heap\"} @ start()"))
                .containsExactly("jvm_memory_used_bytes");
        assertThat(PromQl.metricNames("rate(http_server_requests_seconds_count{job=\"$job\"}[$__rate_interval]) / ${scale}"))
                .containsExactly("http_server_requests_seconds_count");
        assertThat(PromQl.metricNames("job:requests:rate5m > 1")).containsExactly("job:requests:rate5m");
        assertThat(PromQl.metricNames("topk(3, count_values(\"version\", build_info))")).containsExactly("build_info");
    }

    @Test
    void malformedExpressionsAreRefused() {
        assertThatThrownBy(() -> PromQl.metricNames("rate(x{job=\"a\"[5m])")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PromQl.metricNames("x{job=\"a}")).isInstanceOf(IllegalArgumentException.class);
    }
}
