package dev.gridservices.deploy;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every metric name the rules and dashboards use is one we know is exported (deploy/exported-metrics.txt). */
class MetricNamesTest {

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "offset", "bool", "and", "or", "unless", "inf", "nan");
    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern LABEL_LISTS = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()");

    /** The metric names of one PromQL expression (functions, aggregations, keywords and label names left out). */
    static Set<String> metricNames(String expr) {
        String s = STRINGS.matcher(expr).replaceAll(" ");
        s = MATCHERS.matcher(s).replaceAll(" ");
        s = RANGES.matcher(s).replaceAll(" ");
        s = LABEL_LISTS.matcher(s).replaceAll(" ");
        var names = new TreeSet<String>();
        var m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String token = m.group(1);
            if (!KEYWORDS.contains(token.toLowerCase())) {
                names.add(token);
            }
        }
        return names;
    }

    static Map<String, String> exported() throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (String line : Files.readAllLines(Chart.DEPLOY.resolve("exported-metrics.txt"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.trim().split("\\s+");
            out.put(parts[0], parts[parts.length - 1].equals("pending") ? "pending" : "exported");
        }
        return out;
    }

    @Test
    void extractionFindsMetricsAndNothingElse() {
        assertThat(metricNames("sum by (job, le) (rate(a_b_bucket{status=~\"5..\", job=\"x\"}[5m])) / ignoring (reason) "
                + "group_left () max(c_total offset 10m) > 0.5 and on (job) absent(up{job=\"auth-service\"})"))
                .containsExactly("a_b_bucket", "c_total", "up");
    }

    @Test
    void everyUsedMetricIsListedAndEveryListedMetricIsDocumented() throws Exception {
        Map<String, Set<String>> used = new TreeMap<>();
        for (var group : Chart.list(Chart.readYaml(PrometheusRulesTest.PROMETHEUS.resolve("grid-services-rules.yaml")), "groups")) {
            for (var rule : Chart.list(group, "rules")) {
                metricNames((String) rule.get("expr")).forEach(n -> used.computeIfAbsent(n, k -> new TreeSet<>()).add("rule " + rule.get("alert")));
            }
        }
        DashboardsTest.queries().forEach((where, expr) ->
                metricNames(expr).forEach(n -> used.computeIfAbsent(n, k -> new TreeSet<>()).add(where)));

        var exported = exported();
        assertThat(used.keySet()).as("metric names used but not in deploy/exported-metrics.txt: %s", used)
                .isSubsetOf(exported.keySet());
        assertThat(exported.keySet()).as("listed but used nowhere").isSubsetOf(used.keySet());

        String docs = Files.readString(Chart.ROOT.resolve("docs/deploy.md"));
        assertThat(exported.keySet()).allSatisfy(name -> assertThat(docs).as("docs/deploy.md names %s", name).contains(name));
    }
}
