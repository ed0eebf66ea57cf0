using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Baton.Agents;
using Baton.Cli;
using Baton.Journal;
using Baton.Storage.Sqlite;
using Json.Schema;

namespace Baton.Providers.Server.Tests;

/// <summary>
/// Runs the three samples with the <c>baton</c> CLI against a real llama-server (random weights, so every answer is
/// noise), through the OpenAI-compatible path and the Anthropic Messages path, and in process through the GGUF
/// provider on the same model file, as a user would: model and base URL from the environment. The samples' own
/// <c>max_output_tokens</c> are lowered to <see cref="LlamaServerFixture.TokenLimit"/> in the tests' copies.
/// </summary>
[Collection(OneServer.Name)]
public sealed partial class SampleRunTests(LlamaServerFixture server)
{
    public static TheoryData<string, string> Runs => new()
    {
        { "samples/01-sequential/pipeline.yaml", "openai" },
        { "samples/01-sequential/pipeline.yaml", "anthropic" },
        { "samples/02-supervisor/support-desk.yaml", "openai" },
        { "samples/02-supervisor/support-desk.yaml", "anthropic" },
        { "samples/03-review-loop/review.yaml", "openai" },
        { "samples/03-review-loop/review.yaml", "anthropic" },
        { "samples/01-sequential/pipeline.yaml", "gguf" },
        { "samples/02-supervisor/support-desk.yaml", "gguf" },
        { "samples/03-review-loop/review.yaml", "gguf" },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task RunSample_RealServerNoiseModel_EndsWithAStatusAndWellFormedRequests(string spec, string provider)
    {
        server.RequireServer();
        using var work = new SampleFolder();
        server.Proxy.Clear();
        var environment = Environment(provider);
        var clock = Stopwatch.StartNew();

        var (exit, output, error) = await RunCliAsync(work.Path, environment, "run", spec);
        clock.Stop();

        var journal = await ReadJournalAsync(work.Path);
        var context = $"{provider} {spec}: exit {exit}\n--- stdout\n{output}\n--- stderr\n{error}";
        // The support desk may route the noise to its team lead, a person: the run then waits for their answer.
        Assert.True(exit is ExitCodes.Completed or ExitCodes.Failed or ExitCodes.EndedByGuard or ExitCodes.AwaitingInput, context);
        Assert.DoesNotContain("Unhandled exception", error, StringComparison.Ordinal);

        // Every run ends with a status.
        var ended = Assert.IsType<RunEnded>(journal[^1]);

        // Usage and latency of every answer are read into the journal.
        var answers = journal.OfType<AgentAnswered>().ToList();
        Assert.All(answers, a =>
        {
            Assert.True(a.InputTokens > 0, $"{a.Agent} answer without input tokens");
            Assert.True(a.OutputTokens > 0, $"{a.Agent} answer without output tokens");
            Assert.True(a.LatencyMs > 0, $"{a.Agent} answer without latency");
        });

        // Every call carries the spec's output-token limit, and asks for structured output where Baton parses the
        // reply: the contract agent, and every supervisor decision.
        var calls = journal.OfType<AgentCalled>().ToList();
        Assert.All(calls, c => Assert.Equal(LlamaServerFixture.TokenLimit, c.MaxOutputTokens));
        var mechanism = Mechanism(provider);
        foreach (var call in calls.Where(c => c.Agent is "researcher" or "classifier"))
        {
            Assert.Equal(mechanism, call.StructuredOutput);
        }

        var contracts = Contracts(work.Path, spec);
        var requests = server.Proxy.Requests.Where(r => r.Path is "/v1/chat/completions" or "/v1/messages").ToList();
        if (provider == "gguf")
        {
            Assert.Empty(requests);
        }
        else
        {
            Assert.True(requests.Count > 0, $"no model request reached the server; paths: {string.Join(", ", server.Proxy.Requests.Select(r => r.Path))}\n{context}");
        }

        // Every request is well-formed JSON that carries the spec's output-token limit, and every schema it carries
        // is a valid JSON schema: the contract's own schema, keyword for keyword, or Baton's decision schema.
        foreach (var request in requests)
        {
            using var body = JsonDocument.Parse(request.Body);
            var root = body.RootElement;
            Assert.True(root.TryGetProperty(provider == "openai" ? "max_completion_tokens" : "max_tokens", out var limit), request.Body);
            Assert.Equal(LlamaServerFixture.TokenLimit, limit.GetInt32());
            foreach (var schema in SentSchemas(root))
            {
                _ = JsonSchema.FromText(schema.GetRawText());
                if (!IsBatonReplySchema(schema))
                {
                    Assert.Contains(contracts, c => JsonNode.DeepEquals(JsonNode.Parse(c.GetRawText()), JsonNode.Parse(schema.GetRawText())));
                }
            }
        }

        // A sample with an output contract, or a supervisor, asks the server to enforce the schema: json_schema, or
        // the forced tool. Decisions name exactly the specialists and DONE.
        if (provider != "gguf" && (contracts.Count > 0 || calls.Any(c => c.Agent == "classifier")))
        {
            Assert.Contains(requests, r => SentSchemas(JsonDocument.Parse(r.Body).RootElement).Any());
        }

        foreach (var decision in requests.SelectMany(r => SentSchemas(JsonDocument.Parse(r.Body).RootElement)).Where(s => s.GetProperty("properties").TryGetProperty("next_agent", out _)))
        {
            var names = decision.GetProperty("properties").GetProperty("next_agent").GetProperty("enum").EnumerateArray().Select(e => e.GetString());
            Assert.Equal(["billing", "tech", "escalation", "DONE"], names);
        }

        // An output recorded from a contract agent's own reply validates against the contract.
        foreach (var recorded in journal.OfType<OutputRecorded>().Where(o => o.Via.IsPrimary))
        {
            if (ContractOf(work.Path, spec, recorded.Agent) is { } contract)
            {
                var result = JsonSchema.FromText(contract.GetRawText()).Evaluate(recorded.Value);
                Assert.True(result.IsValid, $"{recorded.Agent}'s recorded output does not validate: {recorded.Value}");
            }
        }

        var line = string.Create(CultureInfo.InvariantCulture,
            $"| {Path.GetFileName(Path.GetDirectoryName(spec))} | {provider} | {ended.Status} | {journal.OfType<AgentCalled>().Count()} | " +
            $"{journal.OfType<AgentCalled>().Count(c => c.Attempt > 1)} | {answers.Count(a => a.Truncated)} | {answers.Sum(a => (a.InputTokens ?? 0) + (a.OutputTokens ?? 0))} | " +
            $"{clock.Elapsed.TotalSeconds:0} | {(provider == "gguf" ? "n/a" : server.Proxy.Exchanges.Count(r => r.Status >= 500).ToString(CultureInfo.InvariantCulture))} |");
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        if (System.Environment.GetEnvironmentVariable("BATON_SERVER_REPORT") is { Length: > 0 } report)
        {
            await File.AppendAllTextAsync(report, line + "\n", TestContext.Current.CancellationToken);
        }
    }

    private static StructuredOutputMechanism Mechanism(string provider) => provider switch
    {
        "openai" => StructuredOutputMechanism.JsonSchema,
        "anthropic" => StructuredOutputMechanism.Tool,
        _ => StructuredOutputMechanism.Grammar,
    };

    private Dictionary<string, string> Environment(string provider) => provider switch
    {
        "gguf" => new()
        {
            ["BATON_MODEL"] = "gguf:" + server.ModelPath,
        },
        "openai" => new()
        {
            ["BATON_MODEL"] = "openai:smollm2-shape",
            ["OPENAI_BASE_URL"] = new Uri(server.Proxy.BaseUrl, "v1").ToString(),
        },
        _ => new()
        {
            ["BATON_MODEL"] = "anthropic:smollm2-shape",
            ["ANTHROPIC_BASE_URL"] = server.Proxy.BaseUrl.ToString().TrimEnd('/'),
            ["ANTHROPIC_API_KEY"] = "sk-ant-local-test-key",
        },
    };

    private static async Task<(int Exit, string Out, string Error)> RunCliAsync(string folder, Dictionary<string, string> environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole
        {
            Out = output,
            Error = error,
            IsOutputRedirected = true,
            WorkingDirectory = folder,
            GetEnvironmentVariable = name => environment.GetValueOrDefault(name),
        };
        var exit = await BatonCli.InvokeAsync(args, console, TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }

    private static async Task<IReadOnlyList<JournalEvent>> ReadJournalAsync(string folder)
    {
        await using var store = new SqliteRunStore(Path.Combine(folder, ".baton", "runs.db"));
        var run = Assert.Single(await store.ListRunsAsync(cancellationToken: TestContext.Current.CancellationToken));
        return await store.ReadAsync(run.RunId, TestContext.Current.CancellationToken);
    }

    // The schemas a request asks the server to enforce: OpenAI's response_format, Anthropic's tool input schemas.
    private static IEnumerable<JsonElement> SentSchemas(JsonElement request)
    {
        if (request.TryGetProperty("response_format", out var format) && format.TryGetProperty("json_schema", out var jsonSchema))
        {
            yield return jsonSchema.GetProperty("schema");
        }

        if (request.TryGetProperty("tools", out var tools))
        {
            foreach (var tool in tools.EnumerateArray())
            {
                yield return tool.GetProperty("input_schema");
            }
        }
    }

    /// <summary>Whether a sent schema is one Baton builds for its own replies: a supervisor decision or a review verdict.</summary>
    private static bool IsBatonReplySchema(JsonElement schema) =>
        schema.TryGetProperty("properties", out var properties)
        && (properties.TryGetProperty("next_agent", out _) || properties.TryGetProperty("verdict", out _));

    private static List<JsonElement> Contracts(string folder, string spec)
    {
        var schemas = Path.Combine(folder, Path.GetDirectoryName(spec)!, "schemas");
        var contracts = Directory.Exists(schemas)
            ? Directory.EnumerateFiles(schemas, "*.json").Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.Clone()).ToList()
            : [];

        // Supervisor decisions and review verdicts may carry schemas Baton builds itself; they must still be schemas.
        return contracts;
    }

    private static JsonElement? ContractOf(string folder, string spec, string? agent) =>
        (spec, agent) switch
        {
            ("samples/01-sequential/pipeline.yaml", "researcher") =>
                JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "samples/01-sequential/schemas/research.json"))).RootElement.Clone(),
            _ => null,
        };

    [GeneratedRegex(@"^(\s+max_output_tokens:\s*)\d+", RegexOptions.Multiline)]
    private static partial Regex MaxOutputTokens();

    /// <summary>
    /// A temporary working folder holding a copy of the samples, each agent's <c>max_output_tokens</c> lowered to
    /// <see cref="LlamaServerFixture.TokenLimit"/> (the run checks that every call carries it, so an agent without the
    /// key would show).
    /// </summary>
    private sealed class SampleFolder : IDisposable
    {
        public SampleFolder()
        {
            Path = Directory.CreateTempSubdirectory("baton-server-").FullName;
            foreach (var file in Directory.EnumerateFiles(System.IO.Path.Combine(AppContext.BaseDirectory, "samples"), "*", SearchOption.AllDirectories))
            {
                var target = System.IO.Path.Combine(Path, System.IO.Path.GetRelativePath(AppContext.BaseDirectory, file));
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
                if (file.EndsWith(".yaml", StringComparison.Ordinal))
                {
                    var text = File.ReadAllText(file);
                    Assert.Matches(MaxOutputTokens(), text);
                    File.WriteAllText(target, MaxOutputTokens().Replace(text, "${1}" + LlamaServerFixture.TokenLimit.ToString(CultureInfo.InvariantCulture)));
                }
                else
                {
                    File.Copy(file, target);
                }
            }
        }

        public string Path { get; }

        public void Dispose()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }
}
