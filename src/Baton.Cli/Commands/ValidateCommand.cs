using System.CommandLine;

namespace Baton.Cli.Commands;

/// <summary><c>baton validate spec.yaml</c>: checks a spec and reports every problem with file, line and column.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliConsole console)
    {
        var spec = new Argument<string>("spec") { Description = "The pipeline spec (YAML)." };
        var command = new Command("validate", "Check a pipeline spec without running it: every problem is reported with file:line:column and a fix. Exit code 2 when it is not valid.")
        {
            spec,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var loaded = await CommandSupport.LoadSpecAsync(parse.GetValue(spec)!, console).ConfigureAwait(false);
            if (loaded is null)
            {
                return ExitCodes.InvalidInput;
            }

            await console.Out.WriteLineAsync($"{loaded.FilePath}: valid: '{loaded.Name}' with {loaded.Agents.Length} agents ({string.Join(", ", loaded.Agents.Select(a => a.Name))}), at most {loaded.Limits.MaxSteps} steps.").ConfigureAwait(false);
            return ExitCodes.Completed;
        });
        return command;
    }
}
