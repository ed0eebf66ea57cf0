using Baton.Humans;
using Baton.Journal;
using Baton.Orleans;
using Baton.Orchestration;

namespace Baton.Cli.Commands;

/// <summary>
/// <c>baton answer RUN --cluster CONN</c>: gives the answer to the cluster (a worker validates it against the step's
/// contract and continues the run) and follows the continued run with the same live progress as a local answer.
/// </summary>
internal static class ClusterAnswerLauncher
{
    public static async Task<int> ExecuteAsync(CliConsole console, ClusterAnswer request, IRunStore journal, bool json, CancellationToken cancellationToken)
    {
        var connection = await ClusterConnection.ConnectAsync(console, request.ConnectionString, request.ClusterId, cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            return ExitCodes.Failed;
        }

        await using var connectionLifetime = connection.ConfigureAwait(false);
        ClusterInputResult given;
        try
        {
            given = await connection.Client.ProvideInputAsync(request.RunId, request.Answer, request.Respondent, cancellationToken).ConfigureAwait(false);
        }
        catch (OrchestrationUnavailableException ex)
        {
            await console.Error.WriteLineAsync($"error: the answer was not taken, the run still waits: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        catch (ReplayMismatchException ex)
        {
            await console.Error.WriteLineAsync($"error: the answer was not taken: the run's journal does not match the workers' spec: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        RunResult run;
        if (given.Outcome is InputOutcome.Accepted or InputOutcome.Expired)
        {
            // The worker that took the answer continues the run: follow it from the answer on, as a local answer shows it.
            var (observer, live) = ClusterConnection.Progress(console, json);
            try
            {
                using (live?.Start())
                {
                    run = await connection.Client.WaitAsync(request.RunId, given.NextSequence, observer, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await console.Error.WriteLineAsync($"stopped following run {request.RunId}; the answer was taken and the run goes on in the cluster (inspect it with 'baton show {request.RunId} --postgres ...').").ConfigureAwait(false);
                return ExitCodes.Failed;
            }
        }
        else
        {
            run = RunResult.FromJournal(await journal.ReadAsync(request.RunId, cancellationToken).ConfigureAwait(false));
        }

        var report = new AnswerCommand.AnswerReport(given.Outcome, given.Message, given.Errors, request.Question, run);
        return await AnswerCommand.ReportAsync(console, report, request.Respondent, json, connection.StoreName, rehearsal: false).ConfigureAwait(false);
    }
}
