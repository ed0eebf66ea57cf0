using System.CommandLine;

namespace Baton.Cli.Commands;

/// <summary>Options several commands share (each command gets its own instances).</summary>
internal static class CliOptions
{
    public static Option<string?> Store() => new("--store")
    {
        Description = "The run store (a SQLite file). Default: .baton/runs.db in the current folder.",
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Print machine-readable JSON instead of text.",
    };

    public static Option<string?> Model() => new("--model")
    {
        Description = "The model for every agent, overriding the spec: anthropic:<model>, openai:<model>, ollama:<model>, gguf:<path.gguf> or rehearsal.",
    };

    public static Option<string?> Spec(string description) => new("--spec") { Description = description };

    public static Argument<string> RunId()
    {
        var argument = new Argument<string>("run") { Description = "The run id (or a unique prefix of it), as 'baton runs' lists it." };
        argument.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>()))
            {
                result.AddError("The run id is empty: pass a run id (or a unique prefix of it) as 'baton runs' lists it.");
            }
        });
        return argument;
    }
}
