using System.Globalization;
using System.Text;
using Baton.Humans;

namespace Baton.Samples.ApprovalGate;

/// <summary>
/// An e-mail-style notifier: when a run stops to wait for a person, it writes a message for them into an outbox
/// folder (a real application would hand it to its mail service, post a webhook or a chat message instead).
/// Notifying people is the application's job; Baton only says who is asked, what, and by when.
/// </summary>
internal sealed class EmailOutbox(string folder)
{
    public string Folder { get; } = folder;

    /// <summary>Writes the message for one waiting run; called by <see cref="PendingInputObserver"/>, so it must be quick.</summary>
    public void Notify(PendingInput pending)
    {
        Directory.CreateDirectory(Folder);
        var view = pending.Request.View;
        var body = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"To: {pending.Assignee}")
            .AppendLine(CultureInfo.InvariantCulture, $"Subject: [{pending.Orchestration}] your answer is needed (run {pending.RunId}, step {pending.Step})")
            .AppendLine()
            .AppendLine(pending.Question)
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Task: {view.OriginalTask}")
            .AppendLine(CultureInfo.InvariantCulture, $"Intent: {view.Intent}");
        foreach (var output in view.Outputs)
        {
            body.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"{output.Name} (from {output.ProducedBy}):").AppendLine(output.ToText());
        }

        if (view.Note is { Length: > 0 } note)
        {
            body.AppendLine().AppendLine(note);
        }

        body.AppendLine()
            .AppendLine(pending.DueAt is { } due ? $"Please answer by {due:yyyy-MM-dd HH:mm} UTC." : "There is no deadline.")
            .AppendLine(CultureInfo.InvariantCulture, $"Approve:  dotnet run --project samples/04-approval-gate -- approve {pending.RunId}")
            .AppendLine(CultureInfo.InvariantCulture, $"Reject:   dotnet run --project samples/04-approval-gate -- reject {pending.RunId} \"what must change\"");
        File.WriteAllText(Path.Combine(Folder, $"{pending.RunId}-step{pending.Step}.eml"), body.ToString());
        Console.WriteLine($"  notified {pending.Assignee}: {Path.Combine(Folder, $"{pending.RunId}-step{pending.Step}.eml")}");
    }
}
