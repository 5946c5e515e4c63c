using System.Text;

namespace LlmOperator.Sandbox.Tests.Api.Protobuf;

/// <summary>Writes protobuf by hand for decoding tests: tags, varints, doubles, bytes, nested messages and map entries.</summary>
internal sealed class ProtobufWriter
{
    private readonly List<byte> _bytes = [];

    /// <summary>A Kubernetes protobuf body: the magic, then runtime.Unknown {typeMeta {apiVersion, kind}, raw = the object}.</summary>
    public static byte[] Body(string apiVersion, string kind, Action<ProtobufWriter> obj) =>
        [0x6b, 0x38, 0x73, 0x00, .. new ProtobufWriter().Message(1, t => t.String(1, apiVersion).String(2, kind)).Message(2, obj).ToArray()];

    public ProtobufWriter Varint(int field, long value)
    {
        Tag(field, 0);
        WriteVarint(unchecked((ulong)value));
        return this;
    }

    public ProtobufWriter Double(int field, double value)
    {
        Tag(field, 1);
        _bytes.AddRange(BitConverter.GetBytes(value));
        return this;
    }

    public ProtobufWriter Bytes(int field, byte[] value)
    {
        Tag(field, 2);
        WriteVarint((ulong)value.Length);
        _bytes.AddRange(value);
        return this;
    }

    public ProtobufWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtobufWriter Message(int field, Action<ProtobufWriter> build)
    {
        var nested = new ProtobufWriter();
        build(nested);
        return Bytes(field, nested.ToArray());
    }

    /// <summary>A map entry {key = 1, value = 2} with a string value.</summary>
    public ProtobufWriter Entry(int field, string key, string value) => Message(field, e => e.String(1, key).String(2, value));

    /// <summary>The bytes of a packed repeated varint field.</summary>
    public ProtobufWriter Packed(int field, params long[] values)
    {
        var packed = new ProtobufWriter();
        foreach (var value in values)
        {
            packed.WriteVarint(unchecked((ulong)value));
        }

        return Bytes(field, packed.ToArray());
    }

    public byte[] ToArray() => [.. _bytes];

    private void Tag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        _bytes.Add((byte)value);
    }
}
