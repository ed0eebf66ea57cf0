using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Baton.Specs;

/// <summary>Reads typed values from YAML nodes, recording a located diagnostic for every problem instead of stopping.</summary>
internal sealed class YamlReader(string file)
{
    /// <summary>The most characters of a value from the spec that a message quotes.</summary>
    public const int MaxQuotedChars = 80;

    public List<SpecDiagnostic> Diagnostics { get; } = [];

    public List<SpecDiagnostic> Warnings { get; } = [];

    public string File { get; } = file;

    public SourceLocation At(YamlNode node) => new(File, ToInt(node.Start.Line), ToInt(node.Start.Column));

    public void Error(YamlNode node, string message) => Diagnostics.Add(new SpecDiagnostic(At(node), message));

    public void Warning(YamlNode node, string message) => Warnings.Add(new SpecDiagnostic(At(node), message));

    /// <summary>Quotes a value from the spec for a message, clipped to <see cref="MaxQuotedChars"/>.</summary>
    public static string Quote(string? text) => $"'{Clip(text ?? string.Empty)}'";

    /// <summary>Clips a value from the spec to <paramref name="max"/> characters, never splitting a surrogate pair.</summary>
    public static string Clip(string text, int max = MaxQuotedChars)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var keep = max - 3;
        if (char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        return string.Concat(text.AsSpan(0, keep), "...");
    }

    /// <summary>
    /// Returns the mapping's entries with their canonical key names, reporting keys that are not in
    /// <paramref name="known"/>. A key in <paramref name="renamed"/> (an old name) is accepted as its new name with a
    /// deprecation warning; both names in one mapping are an error. An unknown key in <paramref name="misplaced"/> (a
    /// key that belongs elsewhere) is reported with that hint instead of a suggestion.
    /// </summary>
    public IReadOnlyList<(string Name, YamlScalarNode Key, YamlNode Value)> Entries(
        YamlNode node,
        string what,
        IReadOnlyList<string> known,
        IReadOnlyDictionary<string, string>? renamed = null,
        IReadOnlyDictionary<string, string>? misplaced = null)
    {
        if (node is not YamlMappingNode mapping)
        {
            Error(node, $"{what} must be a mapping of keys ({string.Join(", ", known)}), not {Describe(node)}.");
            return [];
        }

        var entries = new List<(string, YamlScalarNode, YamlNode)>();
        var seen = new Dictionary<string, YamlScalarNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode key || key.Value is not { Length: > 0 } name)
            {
                Error(keyNode, $"Keys in {what} must be plain names ({string.Join(", ", known)}), not {Describe(keyNode)}.");
                continue;
            }

            if (renamed is not null && renamed.TryGetValue(name, out var newName))
            {
                Warning(key, $"'{name}' in {what} is deprecated; write '{newName}' (the old name still works for now).");
                name = newName;
            }
            else if (!known.Contains(name) && misplaced?.GetValueOrDefault(name) is { } hint)
            {
                Error(key, $"Unknown key {Quote(name)} in {what}; {hint}");
                continue;
            }
            else if (!known.Contains(name))
            {
                var guess = Diagnostics.Count < SpecLoader.MaxDiagnostics ? Orchestration.NameSuggestions.DidYouMean(name, known.Concat(renamed?.Keys ?? [])) : null;
                Error(key, $"Unknown key {Quote(name)} in {what}; "
                    + (guess is null ? $"the keys are {string.Join(", ", known)}." : $"did you mean '{(renamed?.GetValueOrDefault(guess) ?? guess)}'?"));
                continue;
            }

            if (seen.TryGetValue(name, out var first))
            {
                Error(key, $"{what} sets '{name}' twice ({Quote(first.Value)} at line {first.Start.Line} and {Quote(key.Value)} here); keep one.");
                continue;
            }

            seen[name] = key;
            entries.Add((name, key, value));
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

        Error(node, $"{what} must be a positive whole number{(IsDigits(node) ? $" of at most {int.MaxValue}" : string.Empty)}, not {Describe(node)}.");
        return null;
    }

    /// <summary>Reads a duration (<c>90s</c>, <c>10m</c>, <c>1h30m</c>) between one second and <paramref name="max"/>; <c>none</c> when <paramref name="allowNone"/>.</summary>
    /// <returns><see langword="true"/> when the node is valid (then <paramref name="duration"/> is the value, or null for none).</returns>
    public bool Duration(YamlNode node, string what, TimeSpan max, bool allowNone, out TimeSpan? duration)
    {
        duration = null;
        var text = String(node, what);
        if (text is null)
        {
            return false;
        }

        if (DurationText.TryParse(text, max, out var parsed) && (parsed is not null || allowNone))
        {
            duration = parsed;
            return true;
        }

        var range = $"between 1s and {DurationText.Format(max)}";
        Error(node, $"{what} is {Quote(text)}; write a duration {range} such as 90s, 10m or 1h"
            + (allowNone ? ", or 'none' for no limit." : "."));
        return false;
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
        YamlScalarNode s => Quote(s.Value),
        _ => "an alias",
    };

    // Digits that do not fit an int: the message then gives the largest value.
    private static bool IsDigits(YamlNode node) =>
        node is YamlScalarNode { Value: { Length: > 0 } text } && text.All(char.IsAsciiDigit) && !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private static int ToInt(long value) => value > int.MaxValue ? int.MaxValue : (int)value;
}
