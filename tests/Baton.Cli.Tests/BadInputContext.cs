using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Baton.Cli.Tests;

/// <summary>What a bad-input case arranges in: a working folder with the samples, the tool's environment, and a model server if it needs one.</summary>
internal sealed class BadInputContext : IAsyncDisposable
{
    public const string Sample = "samples/01-sequential/pipeline.yaml";

    public CliHarness Cli { get; } = new();

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public ModelServer? Server { get; private set; }

    /// <summary>Gets the runs a case created that must still be listed after it (for store cases).</summary>
    public List<string> GoodRuns { get; } = [];

    /// <summary>Gets the store the case's <c>baton runs</c> check uses.</summary>
    public string? Store { get; set; }

    public string Write(string relativePath, string text) => Cli.Write(relativePath, text);

    public string Path(string relativePath) => System.IO.Path.Combine(Cli.WorkingDirectory, relativePath);

    /// <summary>Points the tool at a loopback OpenAI-compatible server answering every request with <paramref name="reply"/>.</summary>
    public void UseModel(int status, string body)
    {
        Server = ModelServer.Start(_ => Task.FromResult((status, body)));
        Environment["OPENAI_BASE_URL"] = Server.BaseUrl.ToString();
    }

    /// <summary>Runs the sample (a rehearsal, in-process) into <paramref name="store"/> and returns the run id.</summary>
    public async Task<string> RunSampleAsync(string store)
    {
        var run = await Cli.RunAsync("run", Sample, "--store", store, "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        return JsonDocument.Parse(run.Out).RootElement.GetProperty("run_id").GetString()!;
    }

    /// <summary>Runs the sample into <paramref name="store"/>, then makes the store's files read-only (the folder stays root's).</summary>
    public async Task ReadOnlyStoreAsync(string store)
    {
        await RunSampleAsync(store);
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.EnumerateFiles(Cli.WorkingDirectory, store + "*"))
        {
            SetMode(Path(System.IO.Path.GetFileName(file)), UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
    }

    /// <summary>Sets a file's permissions (Unix only: on Windows the permission rows have nothing to test).</summary>
    public void SetMode(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }
    }

    /// <summary>A store with two good runs and one more whose event <paramref name="sequence"/> is changed by <paramref name="sql"/>.</summary>
    public async Task<string> TamperedStoreAsync(string store, long sequence, string sql)
    {
        Store = store;
        GoodRuns.Add(await RunSampleAsync(store));
        var bad = await RunSampleAsync(store);
        GoodRuns.Add(await RunSampleAsync(store));
        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection($"Data Source={Path(store)};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$run", bad);
            command.Parameters.AddWithValue("$seq", sequence);
            Assert.True(command.ExecuteNonQuery() >= 1, $"the tampering changed nothing: {sql}");
        }

        return bad;
    }

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        Cli.Dispose();
    }
}
