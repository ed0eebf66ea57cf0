using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Baton.Specs;

/// <summary>
/// Loads a spec's YAML into a node tree, within bounds: nesting depth, the node count with every alias expanded, no
/// recursive alias, one document. Every YamlDotNet error becomes a located diagnostic with a fix.
/// </summary>
/// <remarks>
/// The events are streamed and counted before any tree is built, so a deeply nested file or an alias bomb (a few
/// hundred characters whose aliases expand to billions of nodes) is rejected after reading at most
/// <see cref="MaxDepth"/> levels or <see cref="MaxNodes"/> nodes, in time linear in the text.
/// </remarks>
internal static partial class YamlDocumentLoader
{
    /// <summary>The deepest nesting of mappings and lists a spec may have.</summary>
    public const int MaxDepth = 64;

    /// <summary>The most nodes a spec may have, counting an alias as a copy of the node it names.</summary>
    public const int MaxNodes = 100_000;

    /// <summary>Loads <paramref name="yaml"/>; on any problem adds one located diagnostic and returns <see langword="null"/>.</summary>
    public static YamlNode? Load(string yaml, string file, List<SpecDiagnostic> diagnostics)
    {
        var parser = new Parser(new StringReader(yaml));
        try
        {
            if (Check(parser, file) is { } problem)
            {
                diagnostics.Add(problem);
                return null;
            }

            var stream = new YamlStream();
            stream.Load(new Parser(new StringReader(yaml)));
            return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException or ArgumentException or FormatException or OverflowException or IndexOutOfRangeException)
        {
            diagnostics.Add(Describe(ex, yaml, file, parser));
            return null;
        }
    }

    // Streams the events once, counting depth and expanded nodes; returns the first problem found.
    private static SpecDiagnostic? Check(Parser parser, string file)
    {
        var frames = new Stack<Frame>();
        var anchors = new Dictionary<string, (int Definition, long Nodes)>(StringComparer.Ordinal);
        var definitions = 0;
        var documents = 0;
        long nodes = 0;
        while (parser.MoveNext())
        {
            var current = parser.Current!;
            long added = 0;
            switch (current)
            {
                case DocumentStart when ++documents > 1:
                    return At(file, current.Start, "The file holds more than one YAML document (a '---' line after content); a spec is one document, so remove the extra '---' and what follows, or merge it.");
                case Scalar scalar:
                    added = 1;
                    Define(scalar.Anchor, 1);
                    break;
                case AnchorAlias alias:
                    if (!anchors.TryGetValue(alias.Value.Value, out var target))
                    {
                        return At(file, current.Start, $"The alias '*{YamlReader.Clip(alias.Value.Value)}' names no anchor defined before it; define '&{YamlReader.Clip(alias.Value.Value)}' on an earlier node.");
                    }

                    if (target.Nodes < 0)
                    {
                        return At(file, current.Start, $"The alias '*{YamlReader.Clip(alias.Value.Value)}' is inside the node its anchor names, so it would repeat forever; aliases cannot be recursive.");
                    }

                    added = target.Nodes;
                    break;
                case NodeEvent start when start is MappingStart or SequenceStart:
                    if (frames.Count >= MaxDepth)
                    {
                        return At(file, current.Start, $"The YAML nests mappings and lists more than {MaxDepth} levels deep here; a spec needs far fewer, so flatten it.");
                    }

                    var definition = start.Anchor.IsEmpty ? 0 : ++definitions;
                    if (definition > 0)
                    {
                        anchors[start.Anchor.Value] = (definition, -1);
                    }

                    frames.Push(new Frame(start.Anchor.IsEmpty ? null : start.Anchor.Value, definition));
                    break;
                case MappingEnd or SequenceEnd when frames.Count > 0:
                    var closed = frames.Pop();
                    added = closed.Nodes + 1;
                    if (closed.Anchor is not null && anchors.TryGetValue(closed.Anchor, out var latest) && latest.Definition == closed.Definition)
                    {
                        anchors[closed.Anchor] = (closed.Definition, added);
                    }

                    break;
                default:
                    break;
            }

            if (added > 0)
            {
                // Each frame's count is checked as it grows, and a parent's count includes its children's, so the
                // budget holds for the whole document without walking it.
                var count = frames.Count > 0 ? frames.Peek().Nodes += added : nodes += added;
                if (count > MaxNodes)
                {
                    return At(file, current.Start, $"The YAML expands to more than {MaxNodes:N0} nodes here (each use of an alias counts as a copy of what it names); a spec needs far fewer, so use fewer or smaller aliases.");
                }
            }
        }

        return null;

        void Define(AnchorName anchor, long count)
        {
            if (!anchor.IsEmpty)
            {
                anchors[anchor.Value] = (++definitions, count);
            }
        }
    }

    private static SpecDiagnostic Describe(Exception ex, string yaml, string file, Parser parser)
    {
        var message = (ex.InnerException is YamlException inner ? inner.Message : ex.Message).ReplaceLineEndings(" ");
        var mark = ex is YamlException y ? y.Start : parser.Current?.Start ?? Mark.Empty;
        if (message.Contains("tab", StringComparison.OrdinalIgnoreCase) && FirstIndentingTab(yaml) is var (line, column) && line > 0)
        {
            return new SpecDiagnostic(new SourceLocation(file, line, column), "A tab is used for indentation here; YAML indents with spaces only, so replace the tab with spaces.");
        }

        if (DuplicateKey().Match(message) is { Success: true } duplicate)
        {
            return At(file, mark, $"The key {YamlReader.Quote(duplicate.Groups["key"].Value)} appears twice in the same mapping; keep one of them.");
        }

        if (message.Contains("surrogate", StringComparison.OrdinalIgnoreCase))
        {
            return At(file, mark, "A \\u escape in this quoted string names half of a UTF-16 surrogate pair (\\ud800-\\udfff), which is not a character; write the character itself, or its code point as \\U0001F600.");
        }

        if (ex is InvalidOperationException)
        {
            return At(file, mark, "The YAML is not valid: a list or mapping that starts here is not closed (check the brackets and quotes).");
        }

        return At(file, mark, $"The YAML is not valid: {YamlReader.Clip(Clean(message), 300)}");
    }

    // The 1-based line and column of the first tab in a line's leading whitespace, or (0, 0).
    private static (int Line, int Column) FirstIndentingTab(string yaml)
    {
        var line = 1;
        var column = 1;
        var leading = true;
        foreach (var c in yaml)
        {
            if (c == '\n')
            {
                line++;
                column = 1;
                leading = true;
                continue;
            }

            if (leading && c == '\t')
            {
                return (line, column);
            }

            leading &= c is ' ' or '\r';
            column++;
        }

        return (0, 0);
    }

    private static SpecDiagnostic At(string file, Mark mark, string message) =>
        new(new SourceLocation(file, (int)Math.Clamp(mark.Line, 1, int.MaxValue), (int)Math.Clamp(mark.Column, 1, int.MaxValue)), message);

    // YamlDotNet prefixes its messages with the position, which the diagnostic already carries.
    private static string Clean(string message)
    {
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line", StringComparison.Ordinal) && close > 0 ? message[(close + 3)..] : message;
    }

    [GeneratedRegex(@"^Duplicate key (?<key>.*)$", RegexOptions.CultureInvariant | RegexOptions.Singleline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DuplicateKey();

    private sealed class Frame(string? anchor, int definition)
    {
        public string? Anchor { get; } = anchor;

        public int Definition { get; } = definition;

        public long Nodes { get; set; }
    }
}
