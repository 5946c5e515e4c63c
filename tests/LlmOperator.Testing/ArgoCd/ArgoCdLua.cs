using System.Text;
using System.Text.Json.Nodes;
using NLua;
using NLua.Exceptions;

namespace LlmOperator.Testing.ArgoCd;

/// <summary>
/// Runs a health, discovery or action script the way Argo CD does: the object as the global <c>obj</c>,
/// the script's chunk returning a table, and no <c>os</c>, <c>io</c>, <c>require</c> or file loading
/// (Argo CD opens only the base, table, string and math libraries). Lua here is 5.4 (NLua); the scripts
/// keep to Lua 5.1, which Argo CD's gopher-lua runs, and a test checks that. An action's parameters are the
/// global table <c>actionParams</c>, name to string value, as Argo CD 3.1 and later set it; a script that calls
/// <c>error(message, 0)</c> fails with <see cref="ArgoCdScriptException"/> and that message, which Argo CD shows as is.
/// </summary>
public static class ArgoCdLua
{
    private static readonly string[] Withheld = ["os", "io", "require", "dofile", "loadfile", "package", "debug", "utf8", "coroutine"];

    /// <summary>Runs a health script and returns its status and message.</summary>
    public static HealthResult Health(string script, JsonObject obj) => Run(script, obj, returned =>
    {
        var hs = returned as LuaTable ?? throw new InvalidOperationException("the health script returned no table");
        return new HealthResult(hs["status"] as string, hs["message"] as string);
    });

    /// <summary>Runs a discovery script and returns the actions it offers, by name.</summary>
    public static IReadOnlyDictionary<string, DiscoveredAction> Discovery(string script, JsonObject obj) => Run(script, obj, returned =>
    {
        var actions = returned as LuaTable ?? throw new InvalidOperationException("the discovery script returned no table");
        var found = new Dictionary<string, DiscoveredAction>(StringComparer.Ordinal);
        foreach (var key in actions.Keys.Cast<object>())
        {
            var name = key as string ?? throw new InvalidOperationException($"an action is named {key}, not a string");
            var action = actions[name] as LuaTable ?? throw new InvalidOperationException($"action {name} is not a table");
            var disabled = action["disabled"] switch
            {
                null => false,
                bool b => b,
                var other => throw new InvalidOperationException($"action {name} has disabled = {other}, not a boolean"),
            };
            found[name] = new DiscoveredAction(name, disabled, action["displayName"] as string, action["iconClass"] as string, Params(name, action["params"]));
        }

        return (IReadOnlyDictionary<string, DiscoveredAction>)found;
    });

    /// <summary>
    /// Runs an action script and returns the object it returned, as JSON. <paramref name="parameters"/> become
    /// <c>actionParams</c> (Argo CD 3.1 and later set it, empty when the action has none); null runs the script as an
    /// older Argo CD does, with no <c>actionParams</c> at all.
    /// </summary>
    public static JsonObject Action(string script, JsonObject obj, IReadOnlyDictionary<string, string>? parameters) => Run(script, obj, returned =>
        LuaJson.From(returned as LuaTable ?? throw new InvalidOperationException("the action returned no table"), obj) as JsonObject
        ?? throw new InvalidOperationException("the action returned no object"), parameters);

    // The params of a discovered action: a list of tables with a name and perhaps a default.
    private static List<ActionParam> Params(string action, object? value)
    {
        if (value is null)
        {
            return [];
        }

        var list = value as LuaTable ?? throw new InvalidOperationException($"action {action} has params = {value}, not a list");
        return [.. LuaJson.From(list, new JsonArray()) is JsonArray array
            ? array.Select(p => new ActionParam(
                p?["name"]?.GetValue<string>() ?? throw new InvalidOperationException($"a parameter of action {action} has no name"),
                p["default"]?.GetValue<string>()))
            : throw new InvalidOperationException($"action {action} has params that are not a list")];
    }

    // Tables live only as long as their state: the result is read before the state goes.
    private static T Run<T>(string script, JsonObject obj, Func<object?, T> read, IReadOnlyDictionary<string, string>? parameters = null)
    {
        using var lua = new Lua();
        lua.State.Encoding = Encoding.UTF8;
        foreach (var name in Withheld)
        {
            lua[name] = null;
        }

        if (parameters is not null)
        {
            var table = new JsonObject(parameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
            lua.DoString("actionParams = " + LuaLiteral.Of(table), "actionParams");
        }

        lua.DoString("obj = " + LuaLiteral.Of(obj), "obj");
        object[] results;
        try
        {
            results = lua.DoString(script, "script");
        }
        catch (LuaScriptException e) when (!e.IsNetException)
        {
            throw new ArgoCdScriptException(e.Message, e);
        }

        return read(results is { Length: > 0 } ? results[0] : null);
    }
}
