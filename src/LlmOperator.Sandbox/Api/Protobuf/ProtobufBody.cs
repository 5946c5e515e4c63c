using System.Text;
using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Api.Protobuf;

/// <summary>
/// A Kubernetes protobuf body (<c>application/vnd.kubernetes.protobuf</c>, what kubectl's typed commands and Helm send):
/// the magic <c>k8s\0</c>, then a runtime.Unknown {typeMeta = 1 {apiVersion = 1, kind = 2}, raw = 2, contentEncoding = 3,
/// contentType = 4} whose raw bytes are the object's message. Decoded to the JSON object kubectl would have sent as JSON,
/// so it takes the same path as a JSON body; anything malformed or unknown is a 400.
/// </summary>
internal static class ProtobufBody
{
    /// <summary>The content type.</summary>
    public const string ContentType = "application/vnd.kubernetes.protobuf";

    private static readonly byte[] Magic = [0x6b, 0x38, 0x73, 0x00];

    /// <summary>Whether a request's content type is protobuf.</summary>
    public static bool IsProtobuf(string contentType) => contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Decodes a body that must hold <paramref name="kind"/> (whose message is <paramref name="schema"/>); apiVersion and kind
    /// come from the envelope, or are <paramref name="apiVersion"/> and <paramref name="kind"/> when it leaves them empty.
    /// </summary>
    public static JsonObject Decode(ReadOnlySpan<byte> body, MessageSchema schema, string apiVersion, string kind)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (!body.StartsWith(Magic))
        {
            throw Statuses.BadRequest("provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]");
        }

        try
        {
            var (sentVersion, sentKind) = ReadUnknown(body[Magic.Length..], out var raw);
            if (sentKind.Length > 0 && sentKind != kind)
            {
                throw Statuses.BadRequest($"the protobuf body holds a {sentKind}, where a {kind} was expected");
            }

            var result = new JsonObject
            {
                ["apiVersion"] = sentVersion.Length > 0 ? sentVersion : apiVersion,
                ["kind"] = kind,
            };
            MessageDecoder.DecodeInto(result, raw, schema);
            return result;
        }
        catch (InvalidDataException e)
        {
            throw Statuses.BadRequest($"the protobuf body could not be decoded: {e.Message}");
        }
    }

    private static (string ApiVersion, string Kind) ReadUnknown(ReadOnlySpan<byte> data, out ReadOnlySpan<byte> raw)
    {
        var reader = new ProtobufReader(data);
        var (apiVersion, kind) = ("", "");
        raw = [];
        while (reader.TryReadTag(out var number, out var wireType))
        {
            if (wireType != WireType.LengthDelimited || number > 4)
            {
                throw new InvalidDataException($"field {number} ({wireType}) is not one of runtime.Unknown's");
            }

            var value = reader.ReadLengthDelimited();
            switch (number)
            {
                case 1:
                    (apiVersion, kind) = ReadTypeMeta(value);
                    break;
                case 2:
                    raw = value;
                    break;
                case 3 when value.Length > 0:
                    throw new InvalidDataException($"the content encoding {Encoding.UTF8.GetString(value)} is not supported");
            }
        }

        return (apiVersion, kind);
    }

    private static (string ApiVersion, string Kind) ReadTypeMeta(ReadOnlySpan<byte> data)
    {
        var reader = new ProtobufReader(data);
        var (apiVersion, kind) = ("", "");
        while (reader.TryReadTag(out var number, out var wireType))
        {
            var value = number is 1 or 2 && wireType == WireType.LengthDelimited
                ? Encoding.UTF8.GetString(reader.ReadLengthDelimited())
                : throw new InvalidDataException($"field {number} ({wireType}) is not one of runtime.TypeMeta's");
            (apiVersion, kind) = number == 1 ? (value, kind) : (apiVersion, value);
        }

        return (apiVersion, kind);
    }
}
