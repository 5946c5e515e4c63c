using System.Text;

namespace LlmOperator.Packaging.Tests.ArgoCd;

/// <summary>
/// Renders config/argocd/argocd-cm.yaml from the scripts: the health check of every kind under
/// <c>resource.customizations.health.llmoperator.io_&lt;Kind&gt;</c> and ModelDeployment's actions under
/// <c>resource.customizations.actions.llmoperator.io_ModelDeployment</c>, each script embedded as written.
/// </summary>
public static class ArgoCdConfigMap
{
    /// <summary>config/argocd/argocd-cm.yaml.</summary>
    public static string FilePath => Path.Combine(ArgoCdCustomizations.Root, "argocd-cm.yaml");

    /// <summary>The file's content.</summary>
    public static string Render()
    {
        var text = new StringBuilder();
        text.Append("""
            # Generated from config/argocd/llmoperator.io by `make argocd-cm`; do not edit (a test checks it is in sync).
            # A patch that merges these keys into Argo CD's argocd-cm, keeping every other key (url, SSO, other
            # health checks): `kubectl patch configmap argocd-cm -n argocd --type merge --patch-file THIS_FILE`, or
            # the kustomize component of this folder. Never kubectl apply it (see config/argocd/README.md).
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: argocd-cm
              namespace: argocd
              labels:
                app.kubernetes.io/name: argocd-cm
                app.kubernetes.io/part-of: argocd
            data:

            """);
        foreach (var kind in ArgoCdCustomizations.Kinds)
        {
            text.Append("  resource.customizations.health.").Append(ArgoCdCustomizations.Group).Append('_').Append(kind).Append(": |\n");
            Indent(text, ArgoCdCustomizations.HealthScript(kind), 4);
        }

        foreach (var kind in ArgoCdCustomizations.Kinds.Where(k => Directory.Exists(ArgoCdCustomizations.ActionsFolder(k))))
        {
            text.Append("  resource.customizations.actions.").Append(ArgoCdCustomizations.Group).Append('_').Append(kind).Append(": |\n");
            text.Append("    discovery.lua: |\n");
            Indent(text, ArgoCdCustomizations.DiscoveryScript(kind), 6);
            text.Append("    definitions:\n");
            foreach (var action in ArgoCdCustomizations.ModelDeploymentActions)
            {
                text.Append("      - name: ").Append(action).Append('\n');
                text.Append("        action.lua: |\n");
                Indent(text, ArgoCdCustomizations.ActionScript(kind, action), 10);
            }
        }

        return text.ToString();
    }

    private static void Indent(StringBuilder text, string script, int spaces)
    {
        foreach (var line in script.TrimEnd('\n').Split('\n'))
        {
            text.Append(line.Length == 0 ? "" : new string(' ', spaces) + line).Append('\n');
        }
    }
}
