using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Authorization;

/// <summary>
/// The JSON form of an access review sent as protobuf (kubectl auth can-i does), after k8s.io/api/authorization/v1's
/// generated.proto: spec is field 2; ResourceAttributes are namespace 1, verb 2, group 3, version 4, resource 5,
/// subresource 6, name 7; NonResourceAttributes are path 1, verb 2; a SubjectAccessReviewSpec adds user 3, groups 4
/// and uid 6; a SelfSubjectRulesReviewSpec has namespace 1.
/// </summary>
internal static class ReviewProtobuf
{
    private static readonly string[] ResourceFields = ["namespace", "verb", "group", "version", "resource", "subresource", "name"];
    private static readonly string[] NonResourceFields = ["path", "verb"];

    /// <summary>The review of kind <paramref name="kind"/> in a Kubernetes protobuf body, as JSON.</summary>
    public static JsonObject ToJson(byte[] body, string kind)
    {
        var spec = ProtobufFields.Message(ProtobufFields.Read(ProtobufFields.Unwrap(body)), 2) ?? [];
        var json = new JsonObject();
        if (kind == "SelfSubjectRulesReview")
        {
            SetStrings(json, spec, ["namespace"]);
        }
        else
        {
            if (ProtobufFields.Message(spec, 1) is { } resource)
            {
                json["resourceAttributes"] = SetStrings([], resource, ResourceFields);
            }

            if (ProtobufFields.Message(spec, 2) is { } nonResource)
            {
                json["nonResourceAttributes"] = SetStrings([], nonResource, NonResourceFields);
            }

            if (ProtobufFields.Strings(spec, 3).LastOrDefault() is { } user)
            {
                json["user"] = user;
            }

            var groups = ProtobufFields.Strings(spec, 4).ToList();
            if (groups.Count > 0)
            {
                json["groups"] = new JsonArray([.. groups.Select(g => (JsonNode?)g)]);
            }
        }

        return new JsonObject { ["apiVersion"] = "authorization.k8s.io/v1", ["kind"] = kind, ["metadata"] = new JsonObject(), ["spec"] = json };
    }

    private static JsonObject SetStrings(JsonObject target, IReadOnlyList<(int Field, byte[] Value)> fields, string[] names)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (ProtobufFields.Strings(fields, i + 1).LastOrDefault() is { } value)
            {
                target[names[i]] = value;
            }
        }

        return target;
    }
}
