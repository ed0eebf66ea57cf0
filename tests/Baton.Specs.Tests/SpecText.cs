using Baton.Specs;

namespace Baton.Specs.Tests;

/// <summary>Loads spec text in tests, with a base folder for relative paths.</summary>
internal static class SpecText
{
    public static SpecLoadResult Load(string yaml, string? baseDirectory = null) =>
        SpecLoader.Parse(yaml.ReplaceLineEndings("\n"), "spec.yaml", baseDirectory ?? AppContext.BaseDirectory);

    public static IReadOnlyList<string> Errors(string yaml, string? baseDirectory = null) =>
        [.. Load(yaml, baseDirectory).Diagnostics.Select(d => d.ToString())];
}
