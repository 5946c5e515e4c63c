using System.Buffers.Binary;

namespace LlmOperator.Sandbox.Api.Protobuf;

/// <summary>
/// Reads the protobuf wire format from a byte span: tags, varints, fixed-width values and length-delimited slices.
/// Anything truncated or malformed throws <see cref="InvalidDataException"/>, so a garbled body is refused, never half read.
/// </summary>
internal ref struct ProtobufReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    /// <summary>Whether every byte has been read.</summary>
    public readonly bool AtEnd => _position >= _data.Length;

    /// <summary>Reads the next field's tag; false at the end of the data.</summary>
    public bool TryReadTag(out int field, out WireType wireType)
    {
        field = 0;
        wireType = WireType.Varint;
        if (AtEnd)
        {
            return false;
        }

        var tag = ReadVarint();
        if (tag >> 3 is 0 or > int.MaxValue)
        {
            throw new InvalidDataException($"illegal field number {tag >> 3} at byte {_position}");
        }

        field = (int)(tag >> 3);
        wireType = (tag & 7) switch
        {
            0 => WireType.Varint,
            1 => WireType.Fixed64,
            2 => WireType.LengthDelimited,
            5 => WireType.Fixed32,
            var other => throw new InvalidDataException($"unsupported wire type {other} for field {field} at byte {_position}"),
        };
        return true;
    }

    /// <summary>Reads a base-128 varint (at most ten bytes).</summary>
    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (AtEnd)
            {
                throw new InvalidDataException("the data ends inside a varint");
            }

            var b = _data[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException($"a varint longer than ten bytes at byte {_position}");
    }

    /// <summary>Reads eight little-endian bytes.</summary>
    public ulong ReadFixed64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    /// <summary>Reads a length and then that many bytes.</summary>
    public ReadOnlySpan<byte> ReadLengthDelimited()
    {
        var length = ReadVarint();
        return length > int.MaxValue ? throw new InvalidDataException($"a length of {length} bytes at byte {_position}") : Take((int)length);
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _data.Length - _position)
        {
            throw new InvalidDataException($"the data ends {count - (_data.Length - _position)} bytes early, at byte {_data.Length}");
        }

        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }
}
