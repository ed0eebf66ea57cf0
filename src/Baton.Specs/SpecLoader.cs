using System.Security.Cryptography;
using System.Text;
using Baton.Orchestration;

namespace Baton.Specs;

/// <summary>Loads pipeline specs from YAML and checks them, reporting every problem at once with file, line and column.</summary>
/// <remarks>
/// <para>Specs are outside input and are read within bounds (see <c>docs/limits.md</c>): a spec file must be a regular
/// file of at most <see cref="MaxSpecBytes"/>; YAML may nest at most 64 levels and expand (aliases included) to at most
/// 100,000 nodes; names have at most 128 characters; at most <see cref="MaxDiagnostics"/> problems are listed. Every
/// problem, including invalid YAML, is a located diagnostic: loading never throws for any spec text.</para>
/// </remarks>
public static class SpecLoader
{
    /// <summary>The largest spec file read: 1 MiB.</summary>
    public const int MaxSpecBytes = 1 << 20;

    /// <summary>The most problems listed for one spec; the rest are counted in a last diagnostic.</summary>
    public const int MaxDiagnostics = 100;

    /// <summary>Loads and checks a spec file.</summary>
    /// <param name="path">The spec file; relative paths inside it are resolved against its folder.</param>
    /// <param name="displayPath">The file name to show in problems; <paramref name="path"/> when omitted.</param>
    /// <returns>The spec, or every problem found in it.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static SpecLoadResult LoadFile(string path, string? displayPath = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var shown = string.IsNullOrWhiteSpace(displayPath) ? path : displayPath;
        var read = BoundedTextFile.Read(path, MaxSpecBytes);
        if (read.Text is null)
        {
            var fix = read.Status == BoundedTextFileStatus.Missing ? " Check the path (relative paths start at the current folder)." : string.Empty;
            return new SpecLoadResult(null, [new SpecDiagnostic(new SourceLocation(shown, 1, 1), $"The spec file '{YamlReader.Clip(shown)}' {read.Describe()}.{fix}")]);
        }

        string directory;
        try
        {
            directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? Directory.GetCurrentDirectory();
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return new SpecLoadResult(null, [new SpecDiagnostic(new SourceLocation(shown, 1, 1), $"The spec path is not valid: {ex.Message}")]);
        }

        return Parse(read.Text, shown, directory);
    }

    /// <summary>Loads and checks a spec from its text.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="filePath">The file name to show in problems.</param>
    /// <param name="baseDirectory">The folder relative paths in the spec are resolved against.</param>
    /// <returns>The spec, or every problem found in it.</returns>
    public static SpecLoadResult Parse(string yaml, string filePath, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        ArgumentException.ThrowIfNullOrWhiteSpace(baseDirectory);
        if (Encoding.UTF8.GetByteCount(yaml) is var size && size > MaxSpecBytes)
        {
            return Failed(filePath, 1, 1, $"The spec is {size:N0} bytes, more than the {MaxSpecBytes:N0}-byte limit; a spec needs far less.");
        }

        if (IndexOfLoneSurrogate(yaml) is var lone and >= 0)
        {
            var (line, column) = Position(yaml, lone);
            return Failed(filePath, line, column, "The spec holds text that is not valid Unicode here (a lone UTF-16 surrogate); save the file as UTF-8.");
        }

        var reader = new YamlReader(filePath);
        var root = YamlDocumentLoader.Load(yaml, filePath, reader.Diagnostics);
        if (reader.Diagnostics.Count > 0)
        {
            return new SpecLoadResult(null, reader.Diagnostics);
        }

        if (root is null or YamlDotNet.RepresentationModel.YamlScalarNode { Value: null or "" })
        {
            return Failed(filePath, 1, 1, "The spec is empty. Declare 'agents:' and a 'flow:' (see samples/01-sequential/pipeline.yaml).");
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(yaml)));
        var spec = new SpecParser(reader, baseDirectory).Parse(root, filePath, hash);
        var diagnostics = reader.Diagnostics;
        if (spec is not null)
        {
            new SpecChecker(spec, diagnostics).Check();
            if (diagnostics.Count == 0)
            {
                TryCompile(spec, diagnostics);
            }
        }

        return new SpecLoadResult(spec, Capped(Sorted(diagnostics)), Capped(Sorted(reader.Warnings)));
    }

    private static void TryCompile(PipelineSpec spec, List<SpecDiagnostic> diagnostics)
    {
        // Building with placeholder clients runs the library's own checks, so the spec and the code agree on what is valid.
        try
        {
            SpecCompiler.Compile(spec, PlaceholderModelResolver.Instance);
        }
        catch (OrchestrationConfigurationException ex)
        {
            diagnostics.AddRange(ex.Errors.Select(e => new SpecDiagnostic(spec.Flow.Location, e)));
        }
        catch (SpecCompilationException ex)
        {
            diagnostics.AddRange(ex.Diagnostics.Count > 0 ? ex.Diagnostics : [new SpecDiagnostic(spec.Flow.Location, ex.Message)]);
        }
        catch (ArgumentException ex)
        {
            // The library rejects a value the spec checks missed; say so at the flow rather than fail the command.
            diagnostics.Add(new SpecDiagnostic(spec.Flow.Location, ex.Message));
        }
    }

    private static List<SpecDiagnostic> Sorted(List<SpecDiagnostic> diagnostics)
    {
        diagnostics.Sort((a, b) => a.Location.Line != b.Location.Line ? a.Location.Line.CompareTo(b.Location.Line) : a.Location.Column.CompareTo(b.Location.Column));
        return diagnostics;
    }

    private static List<SpecDiagnostic> Capped(List<SpecDiagnostic> diagnostics)
    {
        if (diagnostics.Count <= MaxDiagnostics)
        {
            return diagnostics;
        }

        var more = diagnostics.Count - MaxDiagnostics;
        var last = diagnostics[MaxDiagnostics - 1].Location;
        return [.. diagnostics.Take(MaxDiagnostics), new SpecDiagnostic(last, $"... and {more:N0} more problem{(more == 1 ? string.Empty : "s")} after this one; fix these first.")];
    }

    private static SpecLoadResult Failed(string file, int line, int column, string message) =>
        new(null, [new SpecDiagnostic(new SourceLocation(file, line, column), message)]);

    private static int IndexOfLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static (int Line, int Column) Position(string text, int index)
    {
        var line = 1;
        var start = 0;
        for (var i = 0; i < index; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                start = i + 1;
            }
        }

        return (line, index - start + 1);
    }
}
