{{/* What the operator may do: every verb its controllers use and no more (a ClusterRole, or a Role in each watched namespace). */}}
{{- define "llm-operator.rules" -}}
# Read through informers: lists and watches, never single reads.
- apiGroups: [llmoperator.io]
  resources: [modeldeployments, promptversions, evaluationgates]
  verbs: [list, watch]
# Status is written as merge patches pinned to the resourceVersion read.
- apiGroups: [llmoperator.io]
  resources: [modeldeployments/status, promptversions/status, evaluationruns/status, evaluationgates/status]
  verbs: [patch]
# What the operator creates names its owner with blockOwnerDeletion; clusters with the
# OwnerReferencesPermissionEnforcement admission plugin (OpenShift) ask for update on the owner's finalizers.
- apiGroups: [llmoperator.io]
  resources: [modeldeployments/finalizers, promptversions/finalizers, evaluationruns/finalizers]
  verbs: [update]
# Runs of revisions and versions beyond the history limit are deleted.
- apiGroups: [llmoperator.io]
  resources: [evaluationruns]
  verbs: [list, watch, create, delete]
- apiGroups: [apps]
  resources: [deployments]
  verbs: [list, watch, create, patch, delete]
# get: a Service is read again when its patch meets a conflict.
- apiGroups: [""]
  resources: [services]
  verbs: [get, list, watch, create, patch]
# The pods of ModelDeployments' revisions: which are ready and what each has loaded, and patch to record on a
# pod (an annotation per adapter) what the operator loaded into its engine over HTTP.
- apiGroups: [""]
  resources: [pods]
  verbs: [list, watch, patch]
# The adapters readiness gate of those pods: its condition alone, as a strategic merge patch of their status.
- apiGroups: [""]
  resources: [pods/status]
  verbs: [patch]
# get: an ended evaluation Job's outcome is read from its run's results ConfigMap, and a ConfigMap of
# a prompt's name made by hand is read before it is written over.
- apiGroups: [""]
  resources: [configmaps]
  verbs: [get, list, watch, create, patch]
# The evaluation Jobs' identity in each namespace, created when missing.
- apiGroups: [""]
  resources: [serviceaccounts]
  verbs: [create]
- apiGroups: [rbac.authorization.k8s.io]
  resources: [rolebindings]
  verbs: [create]
# Binding the evaluation and router ClusterRoles per namespace needs bind on them, not their permissions.
- apiGroups: [rbac.authorization.k8s.io]
  resources: [clusterroles]
  resourceNames: [{{ include "llm-operator.evalClusterRole" . }}, {{ include "llm-operator.routerClusterRole" . }}]
  verbs: [bind]
- apiGroups: [batch]
  resources: [jobs]
  verbs: [list, watch, create]
- apiGroups: [""]
  resources: [events]
  verbs: [create, patch]
- apiGroups: [gateway.networking.k8s.io]
  resources: [httproutes]
  verbs: [get, create, patch]
{{- end -}}
