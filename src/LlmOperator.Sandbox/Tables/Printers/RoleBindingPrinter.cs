using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Tables.Printers;

/// <summary>RoleBindings: NAME ROLE AGE, wide USERS GROUPS SERVICEACCOUNTS.</summary>
internal sealed class RoleBindingPrinter : ITablePrinter
{
    /// <inheritdoc/>
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.ObjectName,
        new("Role", "string",
            "RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace. If the "
                + "RoleRef cannot be resolved, the Authorizer must return an error."),
        TableColumn.Age,
        new("Users", "string", "Users in the roleBinding", Priority: 1),
        new("Groups", "string", "Groups in the roleBinding", Priority: 1),
        new("ServiceAccounts", "string", "ServiceAccounts in the roleBinding", Priority: 1),
    ];

    /// <inheritdoc/>
    public PrintedRow Print(JsonObject item, DateTimeOffset now)
    {
        var subjects = item.Items("subjects");
        return new PrintedRow(
        [
            item.Name(), $"{item.Text("roleRef", "kind")}/{item.Text("roleRef", "name")}", item.Age(now),
            Subjects("User", s => s.Text("name")),
            Subjects("Group", s => s.Text("name")),
            Subjects("ServiceAccount", s => $"{s.Text("namespace")}/{s.Text("name")}"),
        ]);

        string Subjects(string kind, Func<JsonNode?, string> format) =>
            string.Join(", ", subjects.Where(s => s.Text("kind") == kind).Select(format));
    }
}
