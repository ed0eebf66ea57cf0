using Baton.Specs;

namespace Baton.Cli.Commands;

/// <summary>Helpers every command shares: loading specs and models and reporting their problems.</summary>
internal static class CommandSupport
{
    public static async Task<PipelineSpec?> LoadSpecAsync(string path, CliConsole console)
    {
        var shown = Path.IsPathRooted(path) ? path : Path.GetRelativePath(console.WorkingDirectory, console.FullPath(path));
        if (Directory.Exists(console.FullPath(path)))
        {
            await PrintDiagnosticsAsync(
                [new SpecDiagnostic(new SourceLocation(shown, 1, 1), $"'{shown}' is a folder, not a spec file. Pass the pipeline's YAML file (for example {Path.Combine(shown, "pipeline.yaml")}).")],
                shown,
                console).ConfigureAwait(false);
            return null;
        }

        var directory = Path.GetDirectoryName(console.FullPath(path))!;
        var result = File.Exists(console.FullPath(path))
            ? SpecLoader.Parse(await File.ReadAllTextAsync(console.FullPath(path)).ConfigureAwait(false), shown, directory)
            : SpecLoader.LoadFile(shown);
        if (result.Spec is { } spec)
        {
            return spec;
        }

        await PrintDiagnosticsAsync(result.Diagnostics, shown, console).ConfigureAwait(false);
        return null;
    }

    public static async Task PrintDiagnosticsAsync(IReadOnlyList<SpecDiagnostic> diagnostics, string file, CliConsole console)
    {
        foreach (var diagnostic in diagnostics)
        {
            await console.Error.WriteLineAsync($"{diagnostic.Location}: error: {diagnostic.Message}").ConfigureAwait(false);
        }

        await console.Error.WriteLineAsync($"{file}: {diagnostics.Count} problem{(diagnostics.Count == 1 ? string.Empty : "s")}; nothing was run.").ConfigureAwait(false);
    }

    public static async Task<(bool Ok, ModelReference? Model)> ParseModelAsync(string? text, CliConsole console)
    {
        if (text is null)
        {
            return (true, null);
        }

        if (ModelReference.TryParse(text, out var model, out var error))
        {
            return (true, model);
        }

        await console.Error.WriteLineAsync($"error: --model: {error}").ConfigureAwait(false);
        return (false, null);
    }
}
