namespace LlmOperator.Sandbox.Authorization;

/// <summary>
/// Reads the length-delimited fields (strings and embedded messages) of a protobuf message, skipping the others:
/// enough to take apart the access reviews kubectl sends as <c>application/vnd.kubernetes.protobuf</c>.
/// </summary>
internal static class ProtobufFields
{
    /// <summary>The magic prefix of Kubernetes' protobuf encoding, before the runtime.Unknown envelope.</summary>
    private static readonly byte[] Magic = "k8s\0"u8.ToArray();

    /// <summary>The raw object of a Kubernetes protobuf body (field 2 of its runtime.Unknown envelope); 400 when it is not one.</summary>
    public static byte[] Unwrap(byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!body.AsSpan().StartsWith(Magic))
        {
            throw Api.Statuses.BadRequest("the protobuf body does not start with the Kubernetes prefix");
        }

        return Read(body[Magic.Length..]).FirstOrDefault(f => f.Field == 2).Value ?? [];
    }

    /// <summary>Every length-delimited field, in order, with its number.</summary>
    public static IReadOnlyList<(int Field, byte[] Value)> Read(byte[] message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var fields = new List<(int, byte[])>();
        var position = 0;
        while (position < message.Length)
        {
            var key = Varint(message, ref position);
            var field = (int)(key >> 3);
            switch (key & 7)
            {
                case 0:
                    Varint(message, ref position);
                    break;
                case 1:
                    position += 8;
                    break;
                case 2:
                    var length = (int)Varint(message, ref position);
                    if (length < 0 || position + length > message.Length)
                    {
                        throw Api.Statuses.BadRequest("the protobuf body is truncated");
                    }

                    fields.Add((field, message[position..(position + length)]));
                    position += length;
                    break;
                case 5:
                    position += 4;
                    break;
                default:
                    throw Api.Statuses.BadRequest($"the protobuf body has an unsupported wire type {key & 7}");
            }
        }

        return fields;
    }

    /// <summary>The strings of one field, in order (a repeated string field gives several).</summary>
    public static IEnumerable<string> Strings(IReadOnlyList<(int Field, byte[] Value)> fields, int field) =>
        fields.Where(f => f.Field == field).Select(f => System.Text.Encoding.UTF8.GetString(f.Value));

    /// <summary>The embedded message of one field, or null.</summary>
    public static IReadOnlyList<(int Field, byte[] Value)>? Message(IReadOnlyList<(int Field, byte[] Value)> fields, int field) =>
        fields.LastOrDefault(f => f.Field == field).Value is { } value ? Read(value) : null;

    private static ulong Varint(byte[] message, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= message.Length)
            {
                throw Api.Statuses.BadRequest("the protobuf body is truncated");
            }

            var b = message[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw Api.Statuses.BadRequest("the protobuf body has a malformed varint");
    }
}
