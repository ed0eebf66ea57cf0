using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Baton.Testing;

/// <summary>
/// A chat client that answers from a script: replies in order, or computed by a callback. It records every request
/// it receives and fails loudly when its script runs out, so a handoff can be tested without a model.
/// </summary>
/// <remarks>
/// <para>Thread-safe. Replies are taken in the order requests arrive.</para>
/// <para>Usage is reported (unless <see cref="ReportUsage"/> is off) as a deterministic estimate: a token per four
/// characters of the request and of the reply, so token budgets can be tested.</para>
/// </remarks>
public sealed class ScriptedChatClient : IChatClient
{
    private readonly Lock _gate = new();
    private readonly Queue<Func<ScriptedRequest, CancellationToken, Task<ChatResponse>>> _script = new();
    private readonly Func<ScriptedRequest, CancellationToken, Task<ChatResponse>>? _fallback;
    private readonly List<ScriptedRequest> _requests = [];

    /// <summary>Creates a client that answers with <paramref name="replies"/>, in order.</summary>
    /// <param name="replies">The reply texts.</param>
    public ScriptedChatClient(params IEnumerable<string> replies)
    {
        ArgumentNullException.ThrowIfNull(replies);
        foreach (var reply in replies)
        {
            Then(reply);
        }
    }

    /// <summary>Creates a client that answers every request with <paramref name="respond"/>.</summary>
    /// <param name="respond">Computes the reply text for a request.</param>
    public ScriptedChatClient(Func<ScriptedRequest, string> respond)
    {
        ArgumentNullException.ThrowIfNull(respond);
        _fallback = (request, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, respond(request))));
    }

    /// <summary>Creates a client that answers every request with <paramref name="respond"/>.</summary>
    /// <param name="respond">Computes the response for a request; may throw to simulate a failure.</param>
    public ScriptedChatClient(Func<ScriptedRequest, CancellationToken, Task<ChatResponse>> respond)
    {
        ArgumentNullException.ThrowIfNull(respond);
        _fallback = respond;
    }

    /// <summary>Creates a client that answers each agent (by the role in Baton's prompt) from its own list of replies, in order.</summary>
    /// <param name="repliesByAgent">The replies for each agent name.</param>
    /// <returns>The client.</returns>
    public static ScriptedChatClient PerAgent(IReadOnlyDictionary<string, IReadOnlyList<string>> repliesByAgent)
    {
        ArgumentNullException.ThrowIfNull(repliesByAgent);
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var gate = new Lock();
        return new ScriptedChatClient(request =>
        {
            var role = request.Role ?? throw new ScriptExhaustedException(
                $"Scripted request #{request.Index + 1} has no '## Your role' section, so no agent's script applies.");
            if (!repliesByAgent.TryGetValue(role, out var replies))
            {
                throw new ScriptExhaustedException(
                    $"Scripted request #{request.Index + 1} is for agent '{role}', which has no script. Scripted agents: {string.Join(", ", repliesByAgent.Keys)}.");
            }

            lock (gate)
            {
                var position = positions.GetValueOrDefault(role);
                if (position >= replies.Count)
                {
                    throw new ScriptExhaustedException(
                        $"Agent '{role}' was called {position + 1} times but its script has {replies.Count} replies.");
                }

                positions[role] = position + 1;
                return replies[position];
            }
        });
    }

    /// <summary>Gets or sets a name shown in failure messages.</summary>
    /// <value>The default is <c>scripted</c>.</value>
    public string Name { get; set; } = "scripted";

    /// <summary>Gets or sets whether responses report estimated usage.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool ReportUsage { get; set; } = true;

    /// <summary>Gets or sets the model id reported in responses.</summary>
    /// <value>The default is <c>scripted</c>.</value>
    public string ModelId { get; set; } = "scripted";

    /// <summary>Gets the requests received so far, in order.</summary>
    public IReadOnlyList<ScriptedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Gets the number of requests received so far.</summary>
    public int CallCount
    {
        get
        {
            lock (_gate)
            {
                return _requests.Count;
            }
        }
    }

    /// <summary>Gets the number of scripted replies not yet used.</summary>
    public int Remaining
    {
        get
        {
            lock (_gate)
            {
                return _script.Count;
            }
        }
    }

    /// <summary>Appends a reply to the script.</summary>
    /// <param name="reply">The reply text.</param>
    /// <returns>This client.</returns>
    public ScriptedChatClient Then(string reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return Then((_, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, reply))));
    }

    /// <summary>Appends a step that throws <paramref name="exception"/> to the script.</summary>
    /// <param name="exception">The exception to throw.</param>
    /// <returns>This client.</returns>
    public ScriptedChatClient ThenThrow(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Then((_, _) => Task.FromException<ChatResponse>(exception));
    }

    /// <summary>Appends a computed step to the script.</summary>
    /// <param name="respond">Computes the response; may await, observe cancellation, or throw.</param>
    /// <returns>This client.</returns>
    public ScriptedChatClient Then(Func<ScriptedRequest, CancellationToken, Task<ChatResponse>> respond)
    {
        ArgumentNullException.ThrowIfNull(respond);
        lock (_gate)
        {
            _script.Enqueue(respond);
        }

        return this;
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        ScriptedRequest request;
        Func<ScriptedRequest, CancellationToken, Task<ChatResponse>>? step;
        lock (_gate)
        {
            request = new ScriptedRequest(_requests.Count, [.. messages], options);
            _requests.Add(request);
            step = _script.Count > 0 ? _script.Dequeue() : _fallback;
        }

        if (step is null)
        {
            throw new ScriptExhaustedException(
                $"Scripted chat client '{Name}' received request #{request.Index + 1}, but its script has only {request.Index} replies. " +
                $"The request was for role '{request.Role ?? "(unknown)"}'; add a reply with Then(...).");
        }

        var response = await step(request, cancellationToken).ConfigureAwait(false);
        response.ModelId ??= ModelId;
        if (ReportUsage && response.Usage is null)
        {
            response.Usage = new UsageDetails
            {
                InputTokenCount = Estimate(request.AllText),
                OutputTokenCount = Estimate(response.Text),
                TotalTokenCount = Estimate(request.AllText) + Estimate(response.Text),
            };
        }

        return response;
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

    private static long Estimate(string text) => (text.Length + 3) / 4;
}
