namespace LlmOperator.Sandbox.Schemas;

/// <summary>
/// The OpenAPI name of each struct, as the API server names it: io.k8s.api.apps.v1.DeploymentSpec,
/// io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta. A struct's group is the group of the first kind that uses it,
/// with the core group's kinds first (so PodSpec is core's, as in Kubernetes).
/// </summary>
public sealed class ModelSchemaNames
{
    private readonly Dictionary<Type, string> _names = [];

    /// <summary>Names every struct reachable from the kinds, in the order given.</summary>
    /// <param name="kinds">Each kind's model, API group and version.</param>
    public ModelSchemaNames(IEnumerable<(ModelShape Model, string Group, string Version)> kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        foreach (var (root, group, version) in kinds.OrderBy(k => k.Group.Length == 0 ? 0 : 1))
        {
            var prefix = Prefix(group, version);
            var pending = new Stack<ModelShape>([root]);
            while (pending.TryPop(out var model))
            {
                if (_names.ContainsKey(model.Type))
                {
                    continue;
                }

                _names[model.Type] = ModelSchemas.IsMeta(model) ? $"io.k8s.apimachinery.pkg.apis.meta.v1.{model.Name}" : $"{prefix}.{model.Name}";
                foreach (var field in model.Fields.Values)
                {
                    for (var value = field.Value; value is not null; value = value.Element)
                    {
                        if (value.Model is { } child)
                        {
                            pending.Push(child);
                        }
                    }
                }
            }
        }
    }

    /// <summary>The schema name of a struct reachable from the kinds.</summary>
    public string Of(ModelShape model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return _names[model.Type];
    }

    // apps -> io.k8s.api.apps.v1; rbac.authorization.k8s.io -> io.k8s.api.rbac.v1; apiextensions has its own module.
    private static string Prefix(string group, string version)
    {
        var name = group.Length == 0 ? "core" : group.Split('.')[0];
        return name == "apiextensions"
            ? $"io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.{version}"
            : $"io.k8s.api.{name}.{version}";
    }
}
