using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace LlmOperator.Manifests.Yaml;

/// <summary>
/// Reads a multi-document YAML stream into JSON values, recording the line of every field, the way
/// kubectl reads manifests: duplicate keys are errors, aliases are expanded within limits.
/// </summary>
public sealed partial class YamlDocumentReader(YamlReaderLimits limits)
{
    /// <summary>Reads every document. A syntax error ends the stream: the documents before it are returned with the error.</summary>
    public YamlReadResult Read(TextReader text)
    {
        var documents = new List<YamlDocument>();
        var parser = new Parser(new Scanner(text, skipComments: true));
        try
        {
            parser.Consume<StreamStart>();
            while (parser.Accept<DocumentStart>(out _))
            {
                var start = parser.Consume<DocumentStart>();
                var state = new DocumentState(limits);
                var root = parser.Accept<DocumentEnd>(out _) ? null : ReadNode(parser, state, "", depth: 0);
                var end = parser.Consume<DocumentEnd>();
                documents.Add(new YamlDocument(
                    documents.Count + 1, root, state.FirstLine ?? Line(start.Start), end.End.Index - start.Start.Index, state.Lines));
            }

            parser.Consume<StreamEnd>();
            return new YamlReadResult(documents, null);
        }
        catch (YamlParseException e)
        {
            return new YamlReadResult(documents, e);
        }
        catch (YamlException e)
        {
            return new YamlReadResult(documents, new YamlParseException(Line(e.Start), Describe(e)));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this instead of a YamlException on some malformed input
            // (an unclosed flow sequence followed by a mapping, for one).
            var line = parser.Current is { } last ? Line(last.End) : 1;
            return new YamlReadResult(documents, new YamlParseException(line, "malformed YAML after this line"));
        }
    }

    private static JsonNode? ReadNode(IParser parser, DocumentState state, string path, int depth)
    {
        if (depth > state.Limits.MaxDepth)
        {
            throw new YamlParseException(Line(parser.Current!.Start), $"nesting deeper than {state.Limits.MaxDepth} levels");
        }

        var current = parser.Current!;
        state.FirstLine ??= Line(current.Start);
        state.Lines.TryAdd(path, Line(current.Start));
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            return state.ExpandAlias(alias);
        }

        JsonNode? node;
        string? anchor;
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            node = ResolveScalar(scalar);
            anchor = scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value;
        }
        else if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            var array = new JsonArray();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                array.Add(ReadNode(parser, state, $"{path}[{array.Count}]", depth + 1));
            }

            node = array;
            anchor = sequenceStart.Anchor.IsEmpty ? null : sequenceStart.Anchor.Value;
        }
        else
        {
            var mappingStart = parser.Consume<MappingStart>();
            var obj = new JsonObject();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyEvent = parser.Current!;
                var key = ReadKey(parser, state, depth);
                if (obj.ContainsKey(key))
                {
                    throw new YamlParseException(Line(keyEvent.Start), $"key \"{key}\" already set in map");
                }

                var childPath = path.Length == 0 ? key : $"{path}.{key}";
                state.Lines.TryAdd(childPath, Line(keyEvent.Start));
                obj[key] = ReadNode(parser, state, childPath, depth + 1);
            }

            node = obj;
            anchor = mappingStart.Anchor.IsEmpty ? null : mappingStart.Anchor.Value;
        }

        if (anchor is not null)
        {
            state.Anchors[anchor] = node;
        }

        return node;
    }

    private static string ReadKey(IParser parser, DocumentState state, int depth)
    {
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            return scalar.Value;
        }

        var start = parser.Current!.Start;
        var key = ReadNode(parser, state, "?", depth + 1);
        throw new YamlParseException(Line(start), $"a mapping key must be a string, not {key?.GetValueKind().ToString().ToLowerInvariant() ?? "null"}");
    }

    private static JsonNode? ResolveScalar(Scalar scalar)
    {
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        return tag switch
        {
            "tag:yaml.org,2002:str" => JsonValue.Create(scalar.Value),
            "tag:yaml.org,2002:null" => null,
            "tag:yaml.org,2002:bool" or "tag:yaml.org,2002:int" or "tag:yaml.org,2002:float" => ResolveTagged(scalar, tag),
            _ when scalar.Style is ScalarStyle.Plain => YamlScalars.ResolvePlain(scalar.Value),
            _ => JsonValue.Create(scalar.Value),
        };
    }

    private static JsonNode? ResolveTagged(Scalar scalar, string tag)
    {
        var value = YamlScalars.ResolvePlain(scalar.Value);
        var kind = value?.GetValueKind();
        var fits = tag switch
        {
            "tag:yaml.org,2002:bool" => kind is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False,
            _ => kind is System.Text.Json.JsonValueKind.Number,
        };
        return fits ? value : throw new YamlParseException(Line(scalar.Start), $"cannot decode \"{scalar.Value}\" as {tag["tag:yaml.org,2002:".Length..]}");
    }

    private static int Line(Mark mark) => (int)Math.Min(mark.Line, int.MaxValue);

    // YamlDotNet prefixes its messages with the position, which our callers print in their own form.
    private static string Describe(YamlException e)
    {
        var message = PositionPrefix().Replace(e.Message, "").Trim();
        return message.Length == 0 ? "malformed YAML" : char.ToLower(message[0], CultureInfo.InvariantCulture) + message[1..].TrimEnd('.');
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex PositionPrefix();

    private sealed class DocumentState(YamlReaderLimits limits)
    {
        private long _expanded;

        public YamlReaderLimits Limits { get; } = limits;

        public Dictionary<string, JsonNode?> Anchors { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, int> Lines { get; } = new(StringComparer.Ordinal);

        public int? FirstLine { get; set; }

        public JsonNode? ExpandAlias(AnchorAlias alias)
        {
            if (!Anchors.TryGetValue(alias.Value.Value, out var target))
            {
                throw new YamlParseException(Line(alias.Start), $"unknown anchor \"{alias.Value.Value}\"");
            }

            // Count before copying: a "billion laughs" document must fail without being built.
            _expanded += CountValues(target);
            if (_expanded > Limits.MaxAliasExpansion)
            {
                throw new YamlParseException(Line(alias.Start), $"excessive aliasing: aliases expand to more than {Limits.MaxAliasExpansion} values");
            }

            return target?.DeepClone();
        }

        private long CountValues(JsonNode? node) => node switch
        {
            JsonObject obj => 1 + obj.Sum(p => CountValues(p.Value)),
            JsonArray array => 1 + array.Sum(CountValues),
            _ => 1,
        };
    }
}
