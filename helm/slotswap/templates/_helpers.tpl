{{/* The chart's name, or nameOverride. */}}
{{- define "slotswap.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The full name of the release's objects: fullnameOverride, else release-chart (or the release alone when it contains the chart's name). */}}
{{- define "slotswap.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* chart-version, for the helm.sh/chart label. */}}
{{- define "slotswap.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The labels of every object. */}}
{{- define "slotswap.labels" -}}
helm.sh/chart: {{ include "slotswap.chart" . }}
{{ include "slotswap.selectorLabels" . }}
app.kubernetes.io/version: {{ (default .Chart.AppVersion .Values.image.tag) | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: slotswap
{{- end }}

{{/* The labels that select the pods (never change them on upgrade: a Deployment's selector is immutable). */}}
{{- define "slotswap.selectorLabels" -}}
app.kubernetes.io/name: {{ include "slotswap.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* The ServiceAccount the pods run as. */}}
{{- define "slotswap.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "slotswap.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* repository:tag, the tag defaulting to the chart's appVersion. */}}
{{- define "slotswap.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* More than one replica is wanted: a PodDisruptionBudget then never blocks a drain for good. */}}
{{- define "slotswap.multipleReplicas" -}}
{{- if .Values.autoscaling.enabled }}
{{- if gt (int .Values.autoscaling.minReplicas) 1 }}true{{ end }}
{{- else if gt (int .Values.replicaCount) 1 }}true{{ end }}
{{- end }}

{{/*
Settings the chart refuses to render, as slotswap would refuse to start with them.
*/}}
{{- define "slotswap.validate" -}}
{{- if and .Values.auth.jwt.issuerUri (not .Values.auth.jwt.audiences) }}
{{- fail "auth.jwt.issuerUri is set without auth.jwt.audiences: slotswap refuses a JWT issuer without its own audience (e.g. api://slotswap)" }}
{{- end }}
{{- if and .Values.azure.workloadIdentity.enabled (not .Values.azure.workloadIdentity.clientId) }}
{{- fail "azure.workloadIdentity.enabled needs azure.workloadIdentity.clientId (the identity's client id)" }}
{{- end }}
{{- if and .Values.azure.workloadIdentity.enabled (not .Values.serviceAccount.create) }}
{{- fail "azure.workloadIdentity.enabled needs serviceAccount.create: the chart annotates its own ServiceAccount" }}
{{- end }}
{{- range $ref := list "slackSigningSecret" "webhookSecret" }}
{{- $secret := index $.Values.secrets $ref }}
{{- if and $secret.name (not $secret.key) }}
{{- fail (printf "secrets.%s.name is set without secrets.%s.key" $ref $ref) }}
{{- end }}
{{- if and $secret.key (not $secret.name) }}
{{- fail (printf "secrets.%s.key is set without secrets.%s.name" $ref $ref) }}
{{- end }}
{{- end }}
{{- end }}
