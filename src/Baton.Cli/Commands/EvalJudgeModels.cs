using Baton.Evaluation;
using Baton.Evaluation.Expectations;
using Baton.Providers;
using Microsoft.Extensions.AI;
using SpecModel = Baton.Specs.ModelReference;

namespace Baton.Cli.Commands;

/// <summary>
/// The judge models an evaluation may call: <c>--judge-model</c> (or BATON_JUDGE_MODEL) and every model the data set's
/// expectations name, each resolved once before anything runs, so a bad reference or a missing key is a clear error
/// up front. <c>rehearsal</c> is never a judge: its expectations are reported as not evaluated.
/// </summary>
internal sealed class EvalJudgeModels
{
    private readonly Dictionary<string, IChatClient?> _clients = new(StringComparer.Ordinal);
    private readonly List<string> _errors = [];

    private EvalJudgeModels()
    {
    }

    public IChatClient? Default { get; private set; }

    public string? DefaultName { get; private set; }

    public static EvalJudgeModels Create(string? defaultModel, IReadOnlyList<EvalCase> cases, CliConsole console)
    {
        var models = new EvalJudgeModels();
        if (!string.IsNullOrWhiteSpace(defaultModel))
        {
            models.DefaultName = defaultModel;
            models.Default = models.Resolve(defaultModel, "--judge-model", console);
        }

        foreach (var evalCase in cases)
        {
            foreach (var expectation in evalCase.Expectations)
            {
                var named = expectation switch
                {
                    JudgeExpectation j => j.Model,
                    GroundednessExpectation g => g.Model,
                    EvaluatorExpectation e => e.Model,
                    _ => null,
                };
                if (named is not null && !models._clients.ContainsKey(named))
                {
                    models._clients[named] = models.Resolve(named, $"{evalCase.Source}: {expectation.Kind}.model", console);
                }
            }
        }

        return models;
    }

    public IChatClient? Find(string model) => _clients.GetValueOrDefault(model);

    public string Describe() => DefaultName is null
        ? "judge model: none; 'judge', 'grounded' and 'evaluate' expectations without their own 'model' are reported as not evaluated (pass --judge-model to judge them)."
        : Default is null
            ? $"judge model: {DefaultName} is rehearsal, which cannot judge; judge expectations are reported as not evaluated."
            : $"judge model: {DefaultName}";

    public async Task<bool> ReportErrorsAsync(CliConsole console)
    {
        foreach (var error in _errors)
        {
            await console.Error.WriteLineAsync($"error: {error}").ConfigureAwait(false);
        }

        return _errors.Count == 0;
    }

    private IChatClient? Resolve(string text, string where, CliConsole console)
    {
        if (!SpecModel.TryParse(text, out var model, out var error))
        {
            _errors.Add($"{where}: {error}");
            return null;
        }

        if (model!.IsRehearsal)
        {
            return null;
        }

        if (model is { Provider: "gguf" } && !Path.IsPathRooted(model.ModelId))
        {
            model = model with { ModelId = console.FullPath(model.ModelId) };
        }

        try
        {
            var settings = new ProviderSettings { GetEnvironmentVariable = console.GetEnvironmentVariable }.WithLlama();
            var client = ChatClientFactory.Create(model.ToString(), settings);
            return new ChatClientBuilder(client).UseBatonResilience().Build();
        }
        catch (Exception ex) when (ex is ProviderConfigurationException or FormatException)
        {
            _errors.Add($"{where}: the judge model '{model}' cannot be used: {ex.Message}");
            return null;
        }
    }
}
