using System.CommandLine;
using Baton.Cli.Commands;
using Baton.Cli.Output;
using Baton.Secrets;

namespace Baton.Cli;

/// <summary>The <c>baton</c> command line: parses arguments and runs the command against a <see cref="CliConsole"/>.</summary>
public static class BatonCli
{
    // Whose values are masked in all output and in every journal the CLI writes.
    private static readonly string[] s_secretVariables = ["ANTHROPIC_API_KEY", "OPENAI_API_KEY", "OLLAMA_API_KEY", "BATON_API_KEY"];

    /// <summary>Runs the command line.</summary>
    /// <param name="args">The arguments, without the program name.</param>
    /// <param name="console">The output streams, environment and working folder to use.</param>
    /// <param name="cancellationToken">Cancels the command (Ctrl+C); a cancelled run ends as cancelled and keeps its journal.</param>
    /// <returns>The exit code: see <see cref="ExitCodes"/>.</returns>
    public static async Task<int> InvokeAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var redactor = new SecretRedactor(s_secretVariables.Select(console.GetEnvironmentVariable));
        var safe = new CliConsole
        {
            Out = new SafeConsoleWriter(console.Out, redactor),
            Error = new SafeConsoleWriter(console.Error, redactor),
            IsOutputRedirected = console.IsOutputRedirected,
            WorkingDirectory = console.WorkingDirectory,
            GetEnvironmentVariable = console.GetEnvironmentVariable,
            TimeProvider = console.TimeProvider,
            Redactor = redactor,
        };
        try
        {
            // No response files: '@path' is an ordinary argument (a run id or a file), never a file to expand.
            var parse = CreateRootCommand(safe).Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
            if (parse.Errors.Count > 0)
            {
                foreach (var error in parse.Errors)
                {
                    await safe.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
                }

                await safe.Error.WriteLineAsync("Run 'baton --help' for usage.").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            // Ctrl+C is the caller's token (Program.cs): the parser's own termination handling would return while the
            // command still runs.
            var invocation = new InvocationConfiguration { Output = safe.Out, Error = safe.Error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
            return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            return await CliFailure.ReportAsync(ex, safe, cancellationToken.IsCancellationRequested).ConfigureAwait(false);
        }
        finally
        {
            await FlushAsync(safe.Out).ConfigureAwait(false);
            await FlushAsync(safe.Error).ConfigureAwait(false);
        }
    }

    private static async Task FlushAsync(TextWriter writer)
    {
        try
        {
            await writer.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The reader went away (a closed pipe): there is no one left to tell.
        }
    }

    private static RootCommand CreateRootCommand(CliConsole console)
    {
        var root = new RootCommand("baton: run agent pipelines declared in YAML with reliable handoffs, and inspect, resume, replay and report their runs, and answer the ones that wait for a person.");
        root.Subcommands.Add(RunCommand.Create(console));
        root.Subcommands.Add(ValidateCommand.Create(console));
        root.Subcommands.Add(RunsCommand.Create(console));
        root.Subcommands.Add(ShowCommand.Create(console));
        root.Subcommands.Add(ResumeCommand.Create(console));
        root.Subcommands.Add(ReplayCommand.Create(console));
        root.Subcommands.Add(ReportCommand.Create(console));
        root.Subcommands.Add(TestCommand.Create(console));
        root.Subcommands.Add(WorkerCommand.Create(console));
        root.Subcommands.Add(EvalCommand.Create(console));
        root.Subcommands.Add(PendingCommand.Create(console));
        root.Subcommands.Add(AnswerCommand.Create(console));
        return root;
    }
}
