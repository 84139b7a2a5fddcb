{{/* Labels every object of a component carries. */}}
{{- define "gs.labels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/part-of: grid-services
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end }}

{{/* Labels a component's Service, HPA, PDB and NetworkPolicy select its pods by. */}}
{{- define "gs.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end }}

{{/* The suite's own pods: the only ones that may call /internal/* (NetworkPolicy). */}}
{{- define "gs.suiteSelector" -}}
app.kubernetes.io/part-of: grid-services
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "gs.image" -}}
{{- $i := .root.Values.image -}}
{{ printf "%s/%s/%s:%s" $i.registry $i.repository .name (default .root.Chart.AppVersion $i.tag) }}
{{- end }}

{{- define "gs.authServiceUrl" -}}
{{ printf "http://auth-service:%v" (index .Values.components "auth-service").port }}
{{- end }}

{{- define "gs.credentialEnv" -}}
- name: SECURITY_SERVICE_CREDENTIAL
  valueFrom:
    secretKeyRef:
      name: {{ required "serviceCredential.existingSecret is required" .Values.serviceCredential.existingSecret }}
      key: {{ .Values.serviceCredential.key }}
{{- end }}

{{/* Database connection: user/password from the component's Secret; URLs built from database.host or read from the Secret. */}}
{{- define "gs.databaseEnv" -}}
{{- $db := .root.Values.database -}}
{{- $c := .component.database -}}
{{- $secret := required (printf "components.%s.database.existingSecret is required" .name) $c.existingSecret -}}
- name: QUARKUS_DATASOURCE_USERNAME
  valueFrom:
    secretKeyRef: { name: {{ $secret }}, key: {{ $db.secretKeys.username }} }
- name: QUARKUS_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef: { name: {{ $secret }}, key: {{ $db.secretKeys.password }} }
{{- if $db.host }}
{{- $q := ternary (printf "?%s" $db.query) "" (ne $db.query "") }}
- name: QUARKUS_DATASOURCE_JDBC_URL
  value: {{ printf "jdbc:postgresql://%s:%v/%s%s" $db.host $db.port $c.name $q | quote }}
- name: QUARKUS_DATASOURCE_REACTIVE_URL
  value: {{ printf "postgresql://%s:%v/%s%s" $db.host $db.port $c.name $q | quote }}
{{- else }}
- name: QUARKUS_DATASOURCE_JDBC_URL
  valueFrom:
    secretKeyRef: { name: {{ $secret }}, key: {{ $db.secretKeys.jdbcUrl }} }
- name: QUARKUS_DATASOURCE_REACTIVE_URL
  valueFrom:
    secretKeyRef: { name: {{ $secret }}, key: {{ $db.secretKeys.reactiveUrl }} }
{{- end }}
{{- end }}

{{/*
Everything a service container needs: the env quarkus-kubernetes generates (KUBERNETES_NAMESPACE, QUARKUS_FLYWAY_ACTIVE,
the datasource, KAFKA_BOOTSTRAP_SERVERS, the service's own secret env) plus what the cluster adds (service credential,
issuer and auth-service URLs, MQTT).
*/}}
{{- define "gs.serviceEnv" -}}
{{- $root := .root -}}
{{- $c := .component -}}
- name: KUBERNETES_NAMESPACE
  valueFrom:
    fieldRef: { fieldPath: metadata.namespace }
- name: POD_NAME
  valueFrom:
    fieldRef: { fieldPath: metadata.name }
- name: QUARKUS_FLYWAY_ACTIVE
  value: {{ .flyway | quote }}
- name: KAFKA_BOOTSTRAP_SERVERS
{{- if .kafkaDirect }}
  value: {{ $root.Values.kafka.bootstrapServers | quote }}
{{- else }}
  valueFrom:
    configMapKeyRef: { name: grid-services, key: kafka.bootstrap.servers }
{{- end }}
{{ include "gs.databaseEnv" . }}
{{ include "gs.credentialEnv" $root }}
{{- range $envName, $ref := $c.secretEnv }}
- name: {{ $envName }}
  valueFrom:
    secretKeyRef: { name: {{ $ref.existingSecret }}, key: {{ $ref.key }} }
{{- end }}
{{- if eq .name "auth-service" }}
- name: AUTH_ISSUER
  value: {{ $root.Values.publicUrl | quote }}
{{- else }}
# Tokens carry the public issuer; keys and API-key introspection are read from auth-service inside the cluster.
- name: QUARKUS_OIDC_AUTH_SERVER_URL
  value: {{ include "gs.authServiceUrl" $root | quote }}
- name: QUARKUS_OIDC_DISCOVERY_ENABLED
  value: "false"
- name: QUARKUS_OIDC_JWKS_PATH
  value: "/.well-known/jwks.json"
- name: QUARKUS_OIDC_TOKEN_ISSUER
  value: {{ $root.Values.publicUrl | quote }}
- name: SECURITY_AUTH_SERVICE_URL
  value: {{ include "gs.authServiceUrl" $root | quote }}
{{- end }}
{{- with $c.mqttEnvPrefix }}
# The broker connection, under the service's own config prefix (dispatch: mqtt.*, telemetry-ingest: telemetry.mqtt.*).
- name: {{ . }}_HOST
  value: mqtt-broker
- name: {{ . }}_PORT
  value: {{ $root.Values.mqttBroker.port | quote }}
- name: {{ . }}_USERNAME
  value: {{ printf "service:%s" $.name | quote }}
- name: {{ . }}_PASSWORD
  valueFrom:
    secretKeyRef: { name: {{ $root.Values.serviceCredential.existingSecret }}, key: {{ $root.Values.serviceCredential.key }} }
{{- end }}
{{- range $k, $v := $c.env }}
- name: {{ $k }}
  value: {{ $v | quote }}
{{- end }}
{{- end }}
