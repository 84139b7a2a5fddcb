# One image per service (auth-service, programs-service, enrollment-service, device-service,
# telemetry-ingest-service, dispatch-service): Quarkus' fast-jar from
#   ./mvnw -B -ntp -DskipTests package
# then, from the repository root, for each service:
#   docker build -f deploy/docker/quarkus-service.Dockerfile --build-arg SERVICE=auth-service \
#     -t <registry>/<repository>/auth-service:<tag> .
# The layers follow Quarkus' own src/main/docker/Dockerfile.jvm (libraries first, the application last).
FROM eclipse-temurin:17-jre
ARG SERVICE
WORKDIR /deployments
COPY ${SERVICE}/target/quarkus-app/lib/ /deployments/lib/
COPY ${SERVICE}/target/quarkus-app/*.jar /deployments/
COPY ${SERVICE}/target/quarkus-app/app/ /deployments/app/
COPY ${SERVICE}/target/quarkus-app/quarkus/ /deployments/quarkus/
# a numeric non-root user: the chart's pods run with runAsNonRoot
USER 1001
ENV QUARKUS_HTTP_HOST=0.0.0.0
ENTRYPOINT ["java", "-jar", "/deployments/quarkus-run.jar"]
