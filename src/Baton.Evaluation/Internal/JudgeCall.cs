using Baton.Evaluation.Judges;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Baton.Evaluation.Internal;

/// <summary>What Baton's own judges share: bounded prompts, one model call, and a verdict metric from the reply.</summary>
internal static class JudgeCall
{
    public const int MaxResponseChars = 40_000;
    public const int MaxSourceChars = 20_000;

    public static ChatOptions Options { get; } = new() { Temperature = 0, MaxOutputTokens = 1000, ResponseFormat = ChatResponseFormat.Json };

    public static string Clip(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max), $"\n[… {text.Length - max} more characters not shown to the judge]");

    public static async ValueTask<EvaluationResult> RunAsync(string metricName, IList<ChatMessage> prompt, ChatConfiguration? chatConfiguration, Func<JudgeVerdict, string> describe, CancellationToken cancellationToken)
    {
        if (chatConfiguration is null)
        {
            return ErrorResult(metricName, "no judge model: pass a ChatConfiguration with the judge's chat client");
        }

        var response = await chatConfiguration.ChatClient.GetResponseAsync(prompt, Options, cancellationToken).ConfigureAwait(false);
        var metric = new BooleanMetric(metricName);
        metric.AddOrUpdateChatMetadata(response);
        if (!JudgeVerdict.TryParse(response.Text, out var verdict, out var error))
        {
            metric.AddDiagnostics(EvaluationDiagnostic.Error($"judge error: {error}"));
            return new EvaluationResult(metric);
        }

        metric.Value = verdict!.Passed;
        metric.Reason = describe(verdict);
        metric.Interpretation = new EvaluationMetricInterpretation(
            verdict.Passed ? EvaluationRating.Good : EvaluationRating.Unacceptable, failed: !verdict.Passed, reason: metric.Reason);
        return new EvaluationResult(metric);
    }

    public static EvaluationResult ErrorResult(string metricName, string message)
    {
        var metric = new BooleanMetric(metricName);
        metric.AddDiagnostics(EvaluationDiagnostic.Error(message));
        return new EvaluationResult(metric);
    }

    public static string Request(IEnumerable<ChatMessage> messages)
    {
        var user = messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text;
        return string.IsNullOrWhiteSpace(user) ? "(not given)" : Clip(user, MaxSourceChars);
    }

    public static string Sources(IEnumerable<GroundingSource> sources) =>
        string.Join("\n\n", sources.Select(s => $"### {s.Name}\n{Clip(s.Text, MaxSourceChars)}"));
}
