#!/usr/bin/env bash
# Builds the suite (tests skipped; nothing installed) and runs it locally: PostgreSQL, Kafka, MQTT broker, the six services
# and the gateway on http://localhost:8080. Ctrl-C stops everything; data stays in .local-stack/.
# Launcher flags pass through, e.g. ./run-local.sh --gateway-port=9080 (see ./run-local.sh --help).
# SKIP_BUILD=1 ./run-local.sh starts what is already built.
set -euo pipefail
cd "$(dirname "$0")"
if [ "${SKIP_BUILD:-0}" != "1" ]; then
  ./mvnw -B -ntp -DskipTests package
fi
exec java -Xmx256m -XX:+UseSerialGC -jar local-stack/target/local-stack-runner.jar "$@"
