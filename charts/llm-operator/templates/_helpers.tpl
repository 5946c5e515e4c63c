{{/* The chart's name, or nameOverride. */}}
{{- define "llm-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The release's name for its objects: fullnameOverride, else the release name with the chart's name unless it already holds it. */}}
{{- define "llm-operator.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else if contains (include "llm-operator.name" .) .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name (include "llm-operator.name" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Labels that select the operator's pods. */}}
{{- define "llm-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "llm-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Labels that select the dashboard's pods, and not the operator's. */}}
{{- define "llm-operator.dashboardSelectorLabels" -}}
app.kubernetes.io/name: {{ include "llm-operator.name" . }}-dashboard
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Labels of the operator's pods: no version, so that an upgrade that changes nothing else restarts nothing. */}}
{{- define "llm-operator.podLabels" -}}
{{ include "llm-operator.selectorLabels" . }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: llm-operator
{{- end -}}

{{/* Labels of every object. */}}
{{- define "llm-operator.labels" -}}
{{ include "llm-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: llm-operator
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* The operator's ServiceAccount. */}}
{{- define "llm-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "llm-operator.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name must name an existing ServiceAccount when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The operator's image, which also runs evaluation Jobs and mock model servers (LLMOP_IMAGE). */}}
{{- define "llm-operator.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}
{{- end -}}

{{/* The ClusterRole evaluation Jobs run with; the operator (told with --evaluation-cluster-role) binds it per namespace to the ServiceAccount llmop-eval. */}}
{{- define "llm-operator.evalClusterRole" -}}
{{- printf "%s-eval" (include "llm-operator.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The ClusterRole pipeline routers run with; the operator (told with --router-cluster-role) binds it per namespace to the ServiceAccount llmop-router. */}}
{{- define "llm-operator.routerClusterRole" -}}
{{- printf "%s-router" (include "llm-operator.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
