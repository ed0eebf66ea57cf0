using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Baton.Providers;

/// <summary>
/// A chat client that spends no tokens: every call gets a placeholder answer shaped by what the request asks for,
/// so a pipeline's wiring, schemas, context views, budgets and limits can be exercised before a real model is set up.
/// </summary>
/// <remarks>
/// <para>Answers, in order of precedence:</para>
/// <list type="bullet">
/// <item><b>Supervisor decision</b> (the request mentions <c>next_agent</c>): a JSON decision
/// <c>{"next_agent", "context_for_agent", "reasoning"}</c> that routes to each allowed agent once, in the order listed,
/// then <c>DONE</c>. Allowed agents come from the <c>enum</c> of <c>next_agent</c> in the response schema, else an
/// "allowed/available agents: a, b" line, else the bullet names under a line that mentions agents. An agent counts as
/// done when the prompt shows a completed step by it (<c>"3. billing: ..."</c>) or an input it produced.</item>
/// <item><b>Review verdict</b> (the request mentions both <c>APPROVED:</c> and <c>REVISE:</c>), with no JSON schema:
/// <c>APPROVED: ...</c>.</item>
/// <item><b>JSON schema</b> (<see cref="ChatOptions.ResponseFormat"/> is a <see cref="ChatResponseFormatJson"/> with a
/// schema): a minimal valid instance — required properties, strings like <c>&lt;rehearsal: field&gt;</c>, one-item arrays,
/// first enum values, numbers within their bounds. JSON without a schema, or system instructions that mention
/// <c>JSON</c>: <c>{"rehearsal": "&lt;rehearsal output for ROLE&gt;"}</c>.</item>
/// <item>Otherwise the text <c>&lt;rehearsal output for ROLE&gt;</c>, ROLE being Baton's "## Your role" line.</item>
/// </list>
/// <para>Deterministic: the same request always gets the same answer, so replays and resumes match. Usage is reported
/// as an estimate of a token per four characters, so token budgets are exercised too. Thread-safe.</para>
/// </remarks>
public sealed class RehearsalChatClient : IChatClient
{
    /// <summary>The model id reported in responses and metadata.</summary>
    public const string ModelId = "rehearsal";

    /// <summary>The notice to show before a rehearsal run: what it is, and how to configure a real model.</summary>
    public const string Notice =
        "Rehearsal: no model is configured, so every agent answers with a placeholder shaped by its output contract. " +
        "This checks wiring, schemas, context views, budgets and limits without spending tokens. To use a real model, " +
        "pass --model (anthropic:claude-sonnet-4-5 with ANTHROPIC_API_KEY, openai:gpt-4o-mini with OPENAI_API_KEY, " +
        "ollama:llama3.2, or gguf:path/model.gguf) or set model: in the spec.";

    private static readonly ChatClientMetadata s_metadata = new("rehearsal", null, ModelId);

    /// <inheritdoc />
    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        var prompt = PromptShape.Read(messages);
        var answer = Answer(prompt, options);
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, answer))
        {
            ModelId = ModelId,
            FinishReason = ChatFinishReason.Stop,
            Usage = Usage(prompt.Text, answer),
        };
        return Task.FromResult(response);
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
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? s_metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private static string Answer(PromptShape prompt, ChatOptions? options)
    {
        var json = options?.ResponseFormat as ChatResponseFormatJson;
        var schema = json?.Schema;
        if (prompt.IsSupervisorDecision)
        {
            return Decision(prompt, schema);
        }

        if (schema is { } s)
        {
            return JsonSchemaSampler.Sample(s, prompt.Role);
        }

        if (json is not null || prompt.AsksForJson)
        {
            return WriteJson(w => w.WriteString("rehearsal", Placeholder(prompt.Role)));
        }

        return prompt.IsReviewVerdict
            ? $"APPROVED: <rehearsal review by {prompt.Role}: accepted without changes>"
            : Placeholder(prompt.Role);
    }

    private static string Decision(PromptShape prompt, JsonElement? schema)
    {
        var allowed = prompt.AllowedAgents(schema);
        var next = allowed.FirstOrDefault(a => !prompt.HasWorked(a));
        var reasoning = allowed.Count == 0
            ? "<rehearsal: no allowed agents found in the prompt, so the work is done>"
            : next is null
                ? "<rehearsal: every listed agent has worked once, so the work is done>"
                : $"<rehearsal: route to each listed agent once, in order; next is {next}>";
        return WriteJson(w =>
        {
            w.WriteString("next_agent", next ?? "DONE");
            w.WriteString("context_for_agent", next is null ? string.Empty : $"<rehearsal: context for {next}>");
            w.WriteString("reasoning", reasoning);
        });
    }

    private static string WriteJson(Action<Utf8JsonWriter> writeProperties)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, JsonSchemaSampler.WriterOptions))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Placeholder(string role) => $"<rehearsal output for {role}>";

    private static UsageDetails Usage(string request, string answer)
    {
        var input = Estimate(request);
        var output = Estimate(answer);
        return new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output };
    }

    private static long Estimate(string text) => (text.Length + 3) / 4;
}
