using System.Globalization;
using System.Text.Json.Nodes;
using LlmOperator.Api.Json;
using LlmOperator.Manifests.Schema;
using LlmOperator.Sandbox.Api;
using LlmOperator.Sandbox.Resources;
using LlmOperator.Sandbox.Schemas;
using LlmOperator.Sandbox.Server.Strategies;
using LlmOperator.Sandbox.Storage;

namespace LlmOperator.Sandbox.Server;

/// <summary>
/// The API server's write path for every kind, over the store: server-set metadata, the status
/// subresource split, generation, schema pruning, defaulting and validation (with CEL transition
/// rules), finalizers and deletion, no-op updates that change nothing. The HTTP layer and the sandbox's
/// own controllers both write through here, so every client sees the same rules.
/// </summary>
public sealed class ResourceService(ObjectStore store, ResourceRegistry registry, ResourceStrategies strategies, TimeProvider time)
{
    private const int ConflictRetries = 10;
    private const string NameSuffixAlphabet = "bcdfghjklmnpqrstvwxz2456789";
    private static readonly ResourceKey Pods = new("", "pods");
    private static readonly ResourceKey ServiceAccounts = new("", "serviceaccounts");
    private readonly SchemaValidator _validator = new(new CelRuleEvaluator());

    /// <summary>The store written to.</summary>
    public ObjectStore Store => store;

    /// <summary>The kinds served.</summary>
    public ResourceRegistry Registry => registry;

    /// <summary>The object, or 404.</summary>
    public StoredObject Get(ResourceType type, string ns, string name) =>
        store.Get(type.Key, Scope(type, ns), name) ?? throw Statuses.NotFound(type, name);

    /// <summary>Creates an object: POST, or server-side apply of an object that does not exist.</summary>
    public WriteResult Create(ResourceType type, string ns, JsonObject body, WriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(body);
        ns = Scope(type, ns);
        CheckTypeMeta(type, body);
        var meta = ObjectMeta.Of(body);
        if (type.Namespaced)
        {
            var bodyNamespace = meta["namespace"]?.ToString();
            if (!string.IsNullOrEmpty(bodyNamespace) && bodyNamespace != ns)
            {
                throw Statuses.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }

            meta["namespace"] = ns;
            RequireLiveNamespace(ns);
        }
        else
        {
            meta.Remove("namespace");
        }

        // Admission sees the name before one is generated, so its refusals name the prefix.
        var admittedName = meta["name"]?.ToString() is { Length: > 0 } given ? given : meta["generateName"]?.ToString() ?? "";
        if (string.IsNullOrEmpty(meta["name"]?.ToString()) && meta["generateName"]?.ToString() is { Length: > 0 } prefix)
        {
            meta["name"] = prefix + string.Concat(Enumerable.Range(0, 5).Select(_ => NameSuffixAlphabet[Random.Shared.Next(NameSuffixAlphabet.Length)]));
        }

        foreach (var serverOwned in new[] { "resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink" })
        {
            meta.Remove(serverOwned);
        }

        meta["uid"] = Guid.NewGuid().ToString();
        meta["creationTimestamp"] = ObjectMeta.Timestamp(time.GetUtcNow());
        if (type.TracksGeneration)
        {
            meta["generation"] = 1;
        }
        else
        {
            meta.Remove("generation");
        }

        if (type.HasStatus)
        {
            body.Remove("status");
        }

        var strategy = strategies.For(type);
        strategy.PrepareForCreate(body);
        if (type.Key == Pods)
        {
            RequireServiceAccount(type, ns, admittedName, body["spec"]?["serviceAccountName"]?.ToString() ?? "default");
        }

        var warnings = Admit(type, body, null, strategy, options);
        var name = meta["name"]?.ToString() ?? "";
        if (options.DryRun)
        {
            return new WriteResult(StoredObject.From(body, store.ResourceVersion), Created: true, warnings);
        }

        try
        {
            var stored = store.Create(type.Key, body);
            AfterCommit(type, stored);
            if (type.Key == BuiltInResources.Namespaces)
            {
                CreateDefaultServiceAccount(stored.Name);
            }

            return new WriteResult(stored, Created: true, warnings);
        }
        catch (StoreException e) when (e.Failure == StoreFailure.AlreadyExists)
        {
            throw Statuses.AlreadyExists(type, name);
        }
    }

    /// <summary>Replaces an object (PUT), or only its status when <paramref name="status"/> is set.</summary>
    public WriteResult Update(ResourceType type, string ns, string name, JsonObject body, bool status, WriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(body);
        CheckTypeMeta(type, body);
        var bodyName = ObjectMeta.Text(body, "name");
        if (!string.IsNullOrEmpty(bodyName) && bodyName != name)
        {
            throw Statuses.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }

        var current = Get(type, ns, name);
        var expected = ExpectedVersion(type, name, body, current);
        var old = current.ToJsonObject();
        var next = Merge(type, old, body, status);
        var warnings = Admit(type, next, old, strategies.For(type), options);
        return Commit(type, next, current, expected, warnings, options);
    }

    /// <summary>
    /// Reads, changes and writes an object, retrying on conflicts, as PATCH does: <paramref name="change"/>
    /// receives a copy of the current object. A change that sets metadata.resourceVersion makes it a
    /// precondition instead of retrying.
    /// </summary>
    public WriteResult Mutate(ResourceType type, string ns, string name, Func<JsonObject, JsonObject> change, bool status, WriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 0; ; attempt++)
        {
            var current = Get(type, ns, name);
            var old = current.ToJsonObject();
            var changed = change(old.DeepClone().AsObject());
            var pinned = ObjectMeta.Text(changed, "resourceVersion");
            var explicitVersion = pinned is not null && pinned != ObjectMeta.Text(old, "resourceVersion");
            var expected = explicitVersion ? ParseVersion(pinned!) : current.ResourceVersion;
            var next = Merge(type, old, changed, status);
            var warnings = Admit(type, next, old, strategies.For(type), options);
            try
            {
                return Commit(type, next, current, expected, warnings, options);
            }
            catch (ApiException e) when (e.Code == 409 && !explicitVersion && attempt < ConflictRetries)
            {
            }
        }
    }

    /// <summary>Deletes an object, or starts its deletion when finalizers or dependents must go first.</summary>
    public StoredObject Delete(ResourceType type, string ns, string name, DeleteOptions options)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(options);
        for (var attempt = 0; ; attempt++)
        {
            var current = Get(type, ns, name);
            CheckPreconditions(type, name, current, options);
            if (options.DryRun)
            {
                return current;
            }

            try
            {
                return DeleteOnce(type, current, options);
            }
            catch (StoreException e) when (e.Failure == StoreFailure.Conflict && attempt < ConflictRetries)
            {
            }
        }
    }

    private StoredObject DeleteOnce(ResourceType type, StoredObject current, DeleteOptions options)
    {
        var old = current.ToJsonObject();
        var propagation = options.Propagation ?? (type.Group == "batch" && type.Kind == "Job" ? DeletePropagation.Orphan : DeletePropagation.Background);
        if (propagation == DeletePropagation.Orphan)
        {
            Orphan(current.Uid);
        }

        var finalizers = ObjectMeta.Finalizers(old).ToList();
        if (propagation == DeletePropagation.Foreground && store.Dependents(current.Uid).Count > 0 && !finalizers.Contains(Finalizers.Foreground))
        {
            finalizers.Add(Finalizers.Foreground);
        }

        var isNamespace = type.Key == BuiltInResources.Namespaces;
        if (finalizers.Count == 0 && !isNamespace)
        {
            var deleted = store.Delete(type.Key, current.Namespace, current.Name, current.ResourceVersion);
            AfterCommit(type, deleted, removed: true);
            return deleted;
        }

        if (current.IsTerminating && ObjectMeta.Finalizers(old).SequenceEqual(finalizers))
        {
            return current;
        }

        var next = old.DeepClone().AsObject();
        ObjectMeta.SetFinalizers(next, finalizers);
        var meta = ObjectMeta.Of(next);
        meta["deletionTimestamp"] ??= ObjectMeta.Timestamp(time.GetUtcNow());
        meta["deletionGracePeriodSeconds"] ??= 0;
        if (isNamespace)
        {
            next["status"] = new JsonObject { ["phase"] = "Terminating" };
        }

        return store.Update(type.Key, next, current.ResourceVersion);
    }

    /// <summary>The server-side state of an update: the body, with what the client may not change carried over from the old object.</summary>
    private JsonObject Merge(ResourceType type, JsonObject old, JsonObject body, bool status)
    {
        JsonObject next;
        if (status)
        {
            next = old.DeepClone().AsObject();
            if (body["status"] is { } newStatus)
            {
                next["status"] = newStatus.DeepClone();
            }
            else
            {
                next.Remove("status");
            }

            return next;
        }

        next = body.DeepClone().AsObject();
        var meta = ObjectMeta.Of(next);
        var oldMeta = ObjectMeta.Of(old);
        foreach (var field in new[] { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "namespace", "name", "generation" })
        {
            if (oldMeta[field] is { } value)
            {
                meta[field] = value.DeepClone();
            }
            else
            {
                meta.Remove(field);
            }
        }

        meta["resourceVersion"] = oldMeta["resourceVersion"]?.DeepClone();
        next["apiVersion"] = type.ApiVersion;
        next["kind"] = type.Kind;
        if (type.HasStatus)
        {
            next.Remove("status");
            if (old["status"] is { } oldStatus)
            {
                next["status"] = oldStatus.DeepClone();
            }
        }

        var strategy = strategies.For(type);
        strategy.PrepareForUpdate(next, old);
        if (type.TracksGeneration && !SameExcept(next, old, "metadata", "status") && JsonKinds.TryGetInteger(oldMeta["generation"], out var generation))
        {
            meta["generation"] = generation + 1;
        }

        return next;
    }

    private WriteResult Commit(ResourceType type, JsonObject next, StoredObject current, long expected, IReadOnlyList<string> warnings, WriteOptions options)
    {
        var old = current.ToJsonObject();
        if (current.ResourceVersion != expected)
        {
            throw Statuses.Conflict(type, current.Name, "the object has been modified; please apply your changes to the latest version and try again");
        }

        if (options.DryRun || SameExcept(next, old, "metadata.resourceVersion", "metadata.managedFields"))
        {
            return new WriteResult(options.DryRun ? StoredObject.From(next, current.ResourceVersion) : current, Created: false, warnings);
        }

        try
        {
            if (current.IsTerminating && ObjectMeta.Finalizers(next).Count == 0 && type.Key != BuiltInResources.Namespaces)
            {
                var deleted = store.Delete(type.Key, current.Namespace, current.Name, expected);
                AfterCommit(type, deleted, removed: true);
                return new WriteResult(deleted, Created: false, warnings);
            }

            var stored = store.Update(type.Key, next, expected);
            AfterCommit(type, stored);
            return new WriteResult(stored, Created: false, warnings);
        }
        catch (StoreException e) when (e.Failure == StoreFailure.Conflict)
        {
            throw Statuses.Conflict(type, current.Name, e.Message);
        }
        catch (StoreException e) when (e.Failure == StoreFailure.NotFound)
        {
            throw Statuses.NotFound(type, current.Name);
        }
    }

    /// <summary>Prunes, defaults and validates; throws 400 (strict unknown fields) or 422 (invalid).</summary>
    private List<string> Admit(ResourceType type, JsonObject obj, JsonObject? old, ResourceStrategy strategy, WriteOptions options)
    {
        var warnings = new List<string>();
        var errors = new List<FieldError>(ObjectMetaValidator.Validate(obj["metadata"], type.Namespaced));
        var unknown = Decode(type, obj);
        if (unknown.Count > 0 && options.FieldValidation == FieldValidation.Strict)
        {
            throw CannotDecode(type, "strict decoding error: " + string.Join(", ", unknown.Select(u => $"unknown field \"{u}\"")));
        }

        if (options.FieldValidation == FieldValidation.Warn)
        {
            warnings.AddRange(unknown.Select(u => $"unknown field \"{u}\""));
        }

        if (type.Schema is { } schema)
        {
            SchemaDefaulter.Apply(obj, schema);
            errors.AddRange(_validator.ValidateResource(obj, old, schema));
        }

        errors.AddRange(strategy.Validate(obj, old));
        if (errors.Count > 0)
        {
            throw Statuses.Invalid(type, ObjectMeta.Text(obj, "name") ?? ObjectMeta.Text(obj, "generateName") ?? "", errors);
        }

        return warnings;
    }

    // Drops the fields the kind does not have, by its schema (custom resources) or its API model (built-in kinds).
    private static IReadOnlyList<string> Decode(ResourceType type, JsonObject obj)
    {
        if (type.Schema is { } schema)
        {
            return SchemaPruner.PruneResource(obj, schema);
        }

        if (BuiltInModels.Find(type) is not { } model)
        {
            return [];
        }

        var decoded = ModelDecoder.Decode(obj, model);
        return decoded.Error is { } error ? throw CannotDecode(type, error) : decoded.UnknownFields;
    }

    private static ApiException CannotDecode(ResourceType type, string error) =>
        Statuses.BadRequest($"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: {error}");

    private void AfterCommit(ResourceType type, StoredObject stored, bool removed = false)
    {
        if (type.Key == BuiltInResources.CustomResourceDefinitions)
        {
            registry.SetCustom(stored.Name, removed ? [] : CustomResourceTypes.From(stored.ToJsonObject()));
        }
    }

    private void Orphan(string ownerUid)
    {
        foreach (var dependent in store.Dependents(ownerUid))
        {
            if (registry.FindAnyVersion(dependent.Resource) is not { } dependentType)
            {
                continue;
            }

            Mutate(dependentType, dependent.Namespace, dependent.Name, obj =>
            {
                if (ObjectMeta.Of(obj)["ownerReferences"] is JsonArray owners)
                {
                    var kept = owners.Where(o => o?["uid"]?.ToString() != ownerUid).Select(o => o!.DeepClone()).ToArray();
                    if (kept.Length == 0)
                    {
                        // As the API server writes an emptied list: not at all.
                        ObjectMeta.Of(obj).Remove("ownerReferences");
                    }
                    else
                    {
                        ObjectMeta.Of(obj)["ownerReferences"] = new JsonArray(kept);
                    }
                }

                return obj;
            }, status: false, WriteOptions.Default);
        }
    }

    /// <summary>
    /// The ServiceAccount admission plugin: a pod runs as a service account that must exist, so a pod naming a missing
    /// one is refused (403), as the API server refuses it.
    /// </summary>
    private void RequireServiceAccount(ResourceType podType, string ns, string podName, string account)
    {
        if (store.Get(ServiceAccounts, ns, account) is null)
        {
            throw Statuses.AdmissionForbidden(
                podType, podName, $"error looking up service account {ns}/{account}: serviceaccount \"{account}\" not found");
        }
    }

    /// <summary>Each new namespace gets its <c>default</c> service account at once, as the service account controller gives it soon after.</summary>
    private void CreateDefaultServiceAccount(string ns)
    {
        var account = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ServiceAccount",
            ["metadata"] = new JsonObject { ["name"] = "default", ["namespace"] = ns },
        };
        Create(registry.FindAnyVersion(ServiceAccounts)!, ns, account, WriteOptions.Default);
    }

    private void RequireLiveNamespace(string ns)
    {
        var namespaceType = registry.FindAnyVersion(BuiltInResources.Namespaces)!;
        var stored = store.Get(BuiltInResources.Namespaces, "", ns) ?? throw Statuses.NotFound(namespaceType, ns);
        if (stored.IsTerminating)
        {
            throw new ApiException(Statuses.Failure(403, "Forbidden", $"unable to create new content in namespace {ns} because it is being terminated"));
        }
    }

    private static void CheckTypeMeta(ResourceType type, JsonObject body)
    {
        if (body["apiVersion"]?.ToString() is { Length: > 0 } apiVersion && apiVersion != type.ApiVersion)
        {
            throw Statuses.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion})");
        }

        if (body["kind"]?.ToString() is { Length: > 0 } kind && kind != type.Kind)
        {
            throw Statuses.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({type.Kind})");
        }

        body["apiVersion"] = type.ApiVersion;
        body["kind"] = type.Kind;
    }

    private static long ExpectedVersion(ResourceType type, string name, JsonObject body, StoredObject current)
    {
        var text = ObjectMeta.Text(body, "resourceVersion");
        if (string.IsNullOrEmpty(text))
        {
            return type.IsCustom
                ? throw Statuses.Invalid(type, name, [new FieldError(
                    "metadata.resourceVersion", FieldErrorType.Invalid, "must be specified for an update", "0x0", showValue: false)])
                : current.ResourceVersion;
        }

        return ParseVersion(text);
    }

    private static long ParseVersion(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw Statuses.BadRequest($"invalid resource version: \"{text}\"");

    private static void CheckPreconditions(ResourceType type, string name, StoredObject current, DeleteOptions options)
    {
        if (options.PreconditionUid is { } uid && uid != current.Uid)
        {
            throw Statuses.Conflict(type, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {current.Uid}");
        }

        if (options.PreconditionResourceVersion is { } version && version != current.ResourceVersion)
        {
            throw Statuses.Conflict(type, name,
                $"Precondition failed: ResourceVersion in precondition: {version}, ResourceVersion in object meta: {current.ResourceVersion}");
        }
    }

    private static string Scope(ResourceType type, string ns) => type.Namespaced ? ns : "";

    /// <summary>Whether two objects are equal once the given dotted paths are removed from both.</summary>
    private static bool SameExcept(JsonObject a, JsonObject b, params string[] paths)
    {
        var left = a.DeepClone().AsObject();
        var right = b.DeepClone().AsObject();
        foreach (var path in paths)
        {
            Remove(left, path);
            Remove(right, path);
        }

        return JsonNode.DeepEquals(left, right);
    }

    private static void Remove(JsonObject obj, string path)
    {
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            obj.Remove(path);
        }
        else if (obj[path[..dot]] is JsonObject child)
        {
            Remove(child, path[(dot + 1)..]);
        }
    }
}
