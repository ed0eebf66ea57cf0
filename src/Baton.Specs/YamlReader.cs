using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Baton.Specs;

/// <summary>Reads typed values from YAML nodes, recording a located diagnostic for every problem instead of stopping.</summary>
internal sealed class YamlReader(string file)
{
    public List<SpecDiagnostic> Diagnostics { get; } = [];

    public string File { get; } = file;

    public SourceLocation At(YamlNode node) => new(File, (int)node.Start.Line, (int)node.Start.Column);

    public void Error(YamlNode node, string message) => Diagnostics.Add(new SpecDiagnostic(At(node), message));

    /// <summary>Returns the mapping's entries, reporting keys that are not in <paramref name="known"/>.</summary>
    public IReadOnlyList<(YamlScalarNode Key, YamlNode Value)> Entries(YamlNode node, string what, IReadOnlyList<string> known)
    {
        if (node is not YamlMappingNode mapping)
        {
            Error(node, $"{what} must be a mapping of keys ({string.Join(", ", known)}), not {Describe(node)}.");
            return [];
        }

        var entries = new List<(YamlScalarNode, YamlNode)>();
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode key || key.Value is null)
            {
                Error(keyNode, $"Keys in {what} must be plain names.");
                continue;
            }

            if (!known.Contains(key.Value))
            {
                var guess = Orchestration.NameSuggestions.DidYouMean(key.Value, known);
                Error(key, $"Unknown key '{key.Value}' in {what}; "
                    + (guess is null ? $"the keys are {string.Join(", ", known)}." : $"did you mean '{guess}'?"));
                continue;
            }

            entries.Add((key, value));
        }

        return entries;
    }

    public string? String(YamlNode node, string what)
    {
        if (node is YamlScalarNode scalar)
        {
            return scalar.Value ?? string.Empty;
        }

        Error(node, $"{what} must be text, not {Describe(node)}.");
        return null;
    }

    public int? PositiveInt(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: { } text } && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return value;
        }

        Error(node, $"{what} must be a positive whole number, not {Describe(node)}.");
        return null;
    }

    public List<NamedReference>? Names(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: { Length: > 0 } single })
        {
            return [new NamedReference(single, At(node))];
        }

        if (node is not YamlSequenceNode sequence)
        {
            Error(node, $"{what} must be a list of names, for example [research, draft], not {Describe(node)}.");
            return null;
        }

        var names = new List<NamedReference>();
        foreach (var item in sequence.Children)
        {
            if (item is YamlScalarNode { Value: { Length: > 0 } name })
            {
                names.Add(new NamedReference(name, At(item)));
            }
            else
            {
                Error(item, $"Each item of {what} must be a name, not {Describe(item)}.");
            }
        }

        return names;
    }

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode { Value: null or "" } => "an empty value",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "an alias",
    };
}
