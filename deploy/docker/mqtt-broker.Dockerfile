# The MQTT broker's image (the chart's mqtt-broker StatefulSet): the runner jar and its libraries from
#   ./mvnw -B -ntp -pl mqtt-broker -am -DskipTests package
# then, from the repository root:
#   docker build -f deploy/docker/mqtt-broker.Dockerfile -t <registry>/<repository>/mqtt-broker:<tag> .
# Configuration comes from MQTT_BROKER_* variables (docs/mqtt.md); the chart sets them and JAVA_TOOL_OPTIONS.
# What this runs is tested: mqtt-broker's MqttBrokerRunnerIT starts the same command from target/.
FROM eclipse-temurin:17-jre
WORKDIR /app
COPY mqtt-broker/target/lib/ /app/lib/
COPY mqtt-broker/target/mqtt-broker-runner.jar /app/mqtt-broker-runner.jar
# a numeric non-root user: the chart runs the pod with runAsNonRoot and fsGroup 1001 (the volume on /data)
RUN mkdir -p /data && chown 1001:1001 /data
USER 1001
ENV MQTT_BROKER_DATA_DIR=/data
VOLUME /data
EXPOSE 1883 9000
ENTRYPOINT ["java", "-jar", "/app/mqtt-broker-runner.jar"]
