using System.Security.Cryptography;
using System.Text;
using Baton.Orchestration;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Baton.Specs;

/// <summary>Loads pipeline specs from YAML and checks them, reporting every problem at once with file, line and column.</summary>
public static class SpecLoader
{
    /// <summary>Loads and checks a spec file.</summary>
    /// <param name="path">The spec file; relative paths inside it are resolved against its folder.</param>
    /// <returns>The spec, or every problem found in it.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static SpecLoadResult LoadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            return new SpecLoadResult(null, [new SpecDiagnostic(new SourceLocation(path, 1, 1), $"The spec file '{path}' does not exist. Check the path (relative paths start at the current folder).")]);
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? Directory.GetCurrentDirectory();
        return Parse(File.ReadAllText(path), path, directory);
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
        var reader = new YamlReader(filePath);
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(yaml));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException ex)
        {
            var message = ex.InnerException?.Message ?? ex.Message;
            return new SpecLoadResult(null, [new SpecDiagnostic(new SourceLocation(filePath, (int)ex.Start.Line, (int)ex.Start.Column), $"The YAML is not valid: {Clean(message)}")]);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this for some unterminated constructs; point at the last node it read.
            var mark = parser.Current?.Start ?? Mark.Empty;
            return new SpecLoadResult(null, [new SpecDiagnostic(new SourceLocation(filePath, (int)mark.Line, (int)mark.Column), "The YAML is not valid: a list or mapping that starts here is not closed (check the brackets and quotes).")]);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return new SpecLoadResult(null, [new SpecDiagnostic(new SourceLocation(filePath, 1, 1), "The spec is empty. Declare 'agents:' and a 'flow:' (see samples/01-sequential/pipeline.yaml).")]);
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(yaml)));
        var spec = new SpecParser(reader, baseDirectory).Parse(stream.Documents[0].RootNode, filePath, hash);
        var diagnostics = reader.Diagnostics;
        if (spec is not null)
        {
            new SpecChecker(spec, diagnostics).Check();
            if (diagnostics.Count == 0)
            {
                TryCompile(spec, diagnostics);
            }
        }

        diagnostics.Sort((a, b) => a.Location.Line != b.Location.Line ? a.Location.Line.CompareTo(b.Location.Line) : a.Location.Column.CompareTo(b.Location.Column));
        return new SpecLoadResult(spec, diagnostics);
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
            diagnostics.AddRange(ex.Diagnostics);
        }
    }

    private static string Clean(string message)
    {
        // YamlDotNet prefixes its messages with the position, which the diagnostic already carries.
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line", StringComparison.Ordinal) && close > 0 ? message[(close + 3)..] : message;
    }
}
