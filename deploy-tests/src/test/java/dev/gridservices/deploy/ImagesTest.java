package dev.gridservices.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridservices.deploy.Chart.Variant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The images the chart names can be built from this repository (deploy/docker/): every COPY source is what the
 * build produces, the user is numeric (the pods run with runAsNonRoot), the broker exposes the chart's ports.
 * No Docker here, so the build itself is not run; mqtt-broker's MqttBrokerRunnerIT runs the broker's command.
 */
class ImagesTest {

    private static final Path DOCKER = Chart.DEPLOY.resolve("docker");
    private static final Pattern COPY = Pattern.compile("(?m)^COPY (\\S+) ");

    private static List<String> copySources(Path dockerfile) throws Exception {
        List<String> sources = new ArrayList<>();
        Matcher m = COPY.matcher(Files.readString(dockerfile));
        while (m.find()) {
            sources.add(m.group(1));
        }
        return sources;
    }

    @Test
    void everyServiceImageIsBuiltFromItsPackagedQuarkusApp() throws Exception {
        Path dockerfile = DOCKER.resolve("quarkus-service.Dockerfile");
        assertThat(Files.readString(dockerfile)).contains("USER 1001").contains("quarkus-run.jar");
        for (String service : Chart.SERVICES) {
            for (String source : copySources(dockerfile)) {
                Path path = Chart.ROOT.resolve(source.replace("${SERVICE}", service));
                if (source.endsWith("*.jar")) {
                    assertThat(path.getParent().resolve("quarkus-run.jar")).as(service).isRegularFile();
                } else {
                    assertThat(path).as("%s: %s", service, source).isDirectory();
                }
            }
        }
    }

    @Test
    void theBrokerImageRunsTheRunnerJarOnTheChartsPorts() throws Exception {
        Path dockerfile = DOCKER.resolve("mqtt-broker.Dockerfile");
        String text = Files.readString(dockerfile);
        assertThat(copySources(dockerfile)).containsExactly("mqtt-broker/target/lib/", "mqtt-broker/target/mqtt-broker-runner.jar");
        // the runner jar's name comes from the broker's pom (finalName + classifier)
        String pom = Files.readString(Chart.ROOT.resolve("mqtt-broker/pom.xml"));
        assertThat(pom).contains("<finalName>mqtt-broker</finalName>").contains("<classifier>runner</classifier>")
                .contains("<mainClass>dev.gridservices.mqtt.MqttBrokerMain</mainClass>");
        var broker = Chart.map(Chart.mergedValues(Variant.DEFAULT), "mqttBroker");
        assertThat(text).contains("EXPOSE " + broker.get("port") + " " + broker.get("metricsPort"))
                .contains("USER 1001").contains("VOLUME /data");
        var container = Chart.list(Chart.one(Variant.DEFAULT, "StatefulSet", "mqtt-broker"),
                "spec", "template", "spec", "containers").get(0);
        assertThat(Chart.list(container, "volumeMounts")).anySatisfy(mount -> assertThat(mount).containsEntry("mountPath", "/data"));
        assertThat((String) container.get("image")).startsWith("docker.io/gridservices/mqtt-broker:");
    }
}
