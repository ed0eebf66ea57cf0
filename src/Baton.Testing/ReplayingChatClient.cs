using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Baton.Journal;
using Baton.Orchestration;
using Microsoft.Extensions.AI;

namespace Baton.Testing;

/// <summary>
/// A chat client that answers from a recorded run: each request is looked up by its fingerprint
/// (<see cref="RequestFingerprint.Compute"/>, the <see cref="AgentCalled.RequestHash"/> of the recording) and
/// answered with the recorded answer, offline and deterministically.
/// </summary>
/// <remarks>
/// <para>A request the recording does not hold fails loudly with <see cref="ReplayMismatchException"/> naming the
/// agent, the step and the first differing line against the next unanswered recorded call, for example
/// <c>The prompt for agent writer changed at step 2 (attempt 1) ...: message 2 (user) differs at line 4 ...</c>.</para>
/// <para>Identical requests are answered in recorded order. A recorded failure is replayed as a
/// <see cref="ReplayedFailureException"/>. Calls recorded without an answer (in flight at a crash) are skipped.
/// Thread-safe.</para>
/// <para>Calls recorded before Baton journaled each call's structured-output mechanism
/// (<see cref="AgentCalled.StructuredOutput"/> is absent) were sent with older chat options (no output-token limit),
/// so they are matched on their messages alone; the prompts are still compared.</para>
/// </remarks>
public sealed class ReplayingChatClient : IChatClient
{
    private readonly Lock _gate = new();
    private readonly List<RecordedCall> _calls;
    private readonly Dictionary<string, Queue<RecordedCall>> _byHash = new(StringComparer.Ordinal);

    /// <summary>Creates a client over a recorded journal.</summary>
    /// <param name="journal">The events of the recorded run, in order.</param>
    public ReplayingChatClient(IReadOnlyList<JournalEvent> journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        _calls = RecordedCall.From(journal);
        foreach (var call in _calls)
        {
            var key = call.Request is { StructuredOutput: null, Messages.IsDefaultOrEmpty: false } ? LegacyKey(call.Request.Messages.Select(m => new ChatMessage(new ChatRole(m.Role), m.Text))) : call.Request.RequestHash;
            if (!_byHash.TryGetValue(key, out var queue))
            {
                _byHash[key] = queue = new Queue<RecordedCall>();
            }

            queue.Enqueue(call);
        }
    }

    /// <summary>Gets how many recorded calls have not been replayed yet.</summary>
    public int RemainingCalls
    {
        get
        {
            lock (_gate)
            {
                return _calls.Count(c => !c.Used);
            }
        }
    }

    /// <summary>Creates a client from a JSON-lines recording written by <see cref="JournalFile"/>.</summary>
    /// <param name="path">The recording's path.</param>
    /// <returns>The client.</returns>
    /// <exception cref="FormatException">The file is not a journal.</exception>
    public static ReplayingChatClient FromFile(string path) => new(JournalFile.Read(path));

    /// <inheritdoc />
    /// <exception cref="ReplayMismatchException">The request is not in the recording.</exception>
    /// <exception cref="ReplayedFailureException">The recorded call failed.</exception>
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        var list = messages as IList<ChatMessage> ?? [.. messages];
        var hash = RequestFingerprint.Compute(list, options);
        RecordedCall call;
        lock (_gate)
        {
            if ((!_byHash.TryGetValue(hash, out var queue) || queue.Count == 0)
                && (!_byHash.TryGetValue(LegacyKey(list), out queue) || queue.Count == 0))
            {
                throw Mismatch(list, hash);
            }

            call = queue.Dequeue();
            call.Used = true;
        }

        return call.Outcome switch
        {
            AgentAnswered answered => Task.FromResult(ToResponse(answered)),
            AgentFailed failed => throw new ReplayedFailureException(failed.ErrorType, failed.Message),
            _ => throw new InvalidOperationException($"Recorded call at event #{call.Request.Sequence} has no outcome."),
        };
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    // Legacy recordings are keyed by their messages only (a fingerprint without options), marked apart from full hashes.
    private static string LegacyKey(IEnumerable<ChatMessage> messages) => "messages:" + RequestFingerprint.Compute(messages, null);

    private static ChatResponse ToResponse(AgentAnswered answered) => new(new ChatMessage(ChatRole.Assistant, answered.Text))
    {
        ModelId = answered.ModelId,
        FinishReason = answered.FinishReason is { } reason ? new ChatFinishReason(reason) : null,
        Usage = answered.InputTokens is null && answered.OutputTokens is null
            ? null
            : new UsageDetails { InputTokenCount = answered.InputTokens, OutputTokenCount = answered.OutputTokens },
    };

    private ReplayMismatchException Mismatch(IList<ChatMessage> messages, string hash)
    {
        var now = new AgentCalled
        {
            RequestHash = hash,
            Messages = [.. messages.Select(m => new JournalMessage(m.Role.Value, m.Text))],
        };
        var expected = _calls.FirstOrDefault(c => !c.Used);
        if (expected is null)
        {
            return new ReplayMismatchException(
                $"The recording has no model call left, but a request arrived ({Describe(now.Messages)}). The run makes more calls than the recorded one did; record it again.");
        }

        var inner = ReplayMismatchException.ForChangedPrompt(expected.Request, now with { RunId = expected.Request.RunId, Step = expected.Request.Step, Agent = expected.Request.Agent, Attempt = expected.Request.Attempt });
        return new ReplayMismatchException(inner.Message + " The request is not in the recording; record the run again if the change is intended.");
    }

    private static string Describe(ImmutableArray<JournalMessage> messages) =>
        messages.IsDefaultOrEmpty ? "no messages" : $"{messages.Length} messages, the first from {messages[0].Role}: \"{Clip(messages[0].Text)}\"";

    private static string Clip(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
}
