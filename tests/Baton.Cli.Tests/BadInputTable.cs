using System.Text;

namespace Baton.Cli.Tests;

/// <summary>
/// Every class of bad input from issue 11 that reaches the CLI, as a table run against the built tool. Rows whose
/// fix belongs to another slice and has not landed yet are listed in <see cref="PendingOnOtherSlices"/>: they stay in
/// the table (skipped, with the slice named) and are switched on by removing them from that list.
/// </summary>
internal static class BadInputTable
{
    /// <summary>Rows that fail today because their fix is another slice's, with the slice that fixes them.</summary>
    public static readonly IReadOnlyDictionary<string, string> PendingOnOtherSlices = new Dictionary<string, string>(StringComparer.Ordinal)
    {
    };

    private const string EchoSpec = """
        name: echo
        task: say something
        agents:
          writer:
            instructions: Write one line.
            writes: draft
        flow: writer

        """;

    public static IReadOnlyList<BadInputCase> Cases { get; } =
    [
        // 3. Crashes instead of one-line errors: arguments and outputs.
        new("empty run id", "3", _ => Args("show", ""), ExitCodes.InvalidInput) { Says = "run id is empty" },
        new("blank run id", "3", _ => Args("resume", "   "), ExitCodes.InvalidInput) { Says = "run id is empty" },
        new("report -o /", "3", async c => Argv("report", await c.RunSampleAsync(".baton/runs.db"), "-o", "/"), ExitCodes.InvalidInput) { Says = "is a folder", OneLine = true },
        new("report -o under a file", "3", async c => Argv("report", await c.RunSampleAsync(".baton/runs.db"), "-o", c.Write("plain.txt", "x") + "/trace.html"), ExitCodes.InvalidInput) { Says = "cannot write the report", OneLine = true },
        new("report -o in /proc", "3", async c => Argv("report", await c.RunSampleAsync(".baton/runs.db"), "-o", "/proc/baton-trace.html"), ExitCodes.InvalidInput) { Says = "cannot write the report", OneLine = true },
        new("unknown run", "3", _ => Args("show", "no-such-run"), ExitCodes.InvalidInput) { Says = "no run 'no-such-run'", OneLine = true },

        // 3. Store files.
        new("store is not SQLite", "3", c => Args("runs", "--store", c.Write("notes.db", "just some text, not a database\n")), ExitCodes.Failed) { Says = "run store cannot be used", OneLine = true },
        new("store is a folder", "3", c => { Directory.CreateDirectory(c.Path("folder.db")); return Args("runs", "--store", "folder.db"); }, ExitCodes.Failed) { OneLine = true },
        new("store is truncated", "3", async c =>
        {
            await c.RunSampleAsync("cut.db");
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(c.Path("cut.db-wal"));
            using (var file = File.OpenWrite(c.Path("cut.db")))
            {
                file.SetLength(3000);
            }

            return Argv("runs", "--store", "cut.db");
        }, ExitCodes.Failed) { OneLine = true },
        new("store is another program's database", "3", c =>
        {
            using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={c.Path("other.db")};Pooling=False"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "CREATE TABLE events (id INTEGER PRIMARY KEY, body BLOB); INSERT INTO events (body) VALUES (x'00ff'); PRAGMA user_version = 42;";
                command.ExecuteNonQuery();
            }

            return Args("runs", "--store", "other.db");
        }, ExitCodes.Failed) { OneLine = true },
        new("store is read-only", "3", async c =>
        {
            await c.ReadOnlyStoreAsync("ro.db");
            return Argv("run", BadInputContext.Sample, "--store", "ro.db");
        }, ExitCodes.Failed) { Says = "is read-only: make the file and its folder writable", Unprivileged = true },
        new("store is read-only: runs", "3", async c =>
        {
            await c.ReadOnlyStoreAsync("ro.db");
            return Argv("runs", "--store", "ro.db");
        }, ExitCodes.Failed) { Says = "is read-only", OneLine = true, Unprivileged = true },
        new("store cannot be read (no permission)", "3", async c =>
        {
            await c.RunSampleAsync("locked.db");
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            c.SetMode(c.Path("locked.db"), UnixFileMode.None);
            return Argv("runs", "--store", "locked.db");
        }, ExitCodes.Failed) { Says = "run store cannot be used", OneLine = true, Unprivileged = true },
        new("tampered row: bad JSON", "3", async c => Argv("show", await c.TamperedStoreAsync("t.db", 2, "UPDATE events SET json = '{\"kind\":' WHERE run_id = $run AND seq = $seq"), "--store", "t.db"), ExitCodes.Failed) { OneLine = true, Says = "sequence 2" },
        new("tampered row: newer schema version", "3", async c => Argv("show", await c.TamperedStoreAsync("t.db", 1, "UPDATE events SET schema_version = 99 WHERE run_id = $run AND seq = $seq"), "--store", "t.db"), ExitCodes.Failed) { OneLine = true, Says = "sequence 1" },
        new("tampered row: unknown kind", "3", async c => Argv("show", await c.TamperedStoreAsync("t.db", 3, "UPDATE events SET json = json_set(json, '$.kind', 'martian'), kind = 'martian' WHERE run_id = $run AND seq = $seq"), "--store", "t.db"), ExitCodes.Failed) { OneLine = true, Says = "sequence 3" },
        new("tampered row: sequence gap", "3", async c => Argv("show", await c.TamperedStoreAsync("t.db", 4, "DELETE FROM events WHERE run_id = $run AND seq = $seq"), "--store", "t.db"), ExitCodes.Failed) { OneLine = true, Says = "sequence 4" },

        // 3. and 4. Spec input: YAML and schemas (located diagnostics, exit 2, bounded time and memory).
        new("spec is a folder", "7", _ => Args("validate", "samples"), ExitCodes.InvalidInput) { Says = "is a folder" },
        new("spec does not exist", "3", _ => Args("validate", "nope.yaml"), ExitCodes.InvalidInput) { Says = "nope.yaml:1:1: error:" },
        new("yaml: recursive alias", "3", c => Validate(c, "name: &a [*a]\n" + Agents), ExitCodes.InvalidInput) { Says = "spec.yaml:" },
        new("yaml: 100,000 nesting levels", "3", c => Validate(c, "name: x\nextra: " + new string('[', 100_000) + new string(']', 100_000) + "\n" + Agents), ExitCodes.InvalidInput) { Says = "spec.yaml:" },
        new("yaml: 10,000 nested flows", "3", c => Validate(c, EchoSpec.Replace("flow: writer", "flow: " + Nested(10_000), StringComparison.Ordinal)), ExitCodes.InvalidInput) { Says = "spec.yaml:" },
        new("yaml: complex key", "3", c => Validate(c, "? [a, b]\n: value\n" + Agents), ExitCodes.InvalidInput) { Says = "spec.yaml:" },
        new("yaml: a line with only ':'", "3", c => Validate(c, ":\n"), ExitCodes.InvalidInput) { Says = "spec.yaml:" },
        new("yaml: lone surrogate escape", "3", c => Validate(c, EchoSpec.Replace("say something", "\"\\ud83d\"", StringComparison.Ordinal)), ExitCodes.InvalidInput, ExitCodes.Completed),
        new("yaml: deadline overflows TimeSpan", "3", c => Validate(c, EchoSpec + "limits:\n  deadline: 99999999999999999999d\n"), ExitCodes.InvalidInput) { Says = "spec.yaml:" },
        new("yaml: invalid inline schema", "3", c => Validate(c, EchoSpec.Replace("writes: draft", "writes: draft\n    output:\n      schema: {type: 12, properties: []}", StringComparison.Ordinal)), ExitCodes.InvalidInput) { Says = "spec.yaml:" },
        new("yaml: invalid schema file", "3", c =>
        {
            c.Write("broken.json", "{\"type\": ");
            return Validate(c, EchoSpec.Replace("writes: draft", "writes: draft\n    output:\n      schema: broken.json", StringComparison.Ordinal));
        }, ExitCodes.InvalidInput) { Says = "spec.yaml:" },
        new("yaml: x- extension keyword in a schema", "3", c => Validate(c, EchoSpec.Replace("writes: draft", "writes: draft\n    output:\n      schema: {type: object, x-owner: team}", StringComparison.Ordinal)), ExitCodes.InvalidInput, ExitCodes.Completed),
        new("schema: unresolvable $ref", "1", c => Validate(c, EchoSpec.Replace("writes: draft", "writes: draft\n    output:\n      schema: {type: object, properties: {a: {$ref: '#/definitions/missing'}}}", StringComparison.Ordinal)), ExitCodes.InvalidInput) { Says = "spec.yaml:" },
        new("yaml: tab indentation", "7", c => Validate(c, "name: x\nagents:\n\twriter: {}\n"), ExitCodes.InvalidInput) { Says = "spec.yaml:3:" },
        new("yaml: duplicate key", "7", c => Validate(c, "name: x\nname: y\n" + Agents), ExitCodes.InvalidInput) { Says = "spec.yaml:2:" },
        new("yaml: alias bomb", "4", c => Validate(c, AliasBomb() + Agents), ExitCodes.InvalidInput) { Says = "spec.yaml:" },
        new("spec is /dev/zero", "4", _ => Args("validate", "/dev/zero"), ExitCodes.InvalidInput) { Says = "/dev/zero" },
        new("spec is a FIFO", "4", c =>
        {
            using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", c.Path("pipe.yaml")))
            {
                mkfifo.WaitForExit();
                Assert.Equal(0, mkfifo.ExitCode);
            }

            return Args("validate", "pipe.yaml");
        }, ExitCodes.InvalidInput) { Says = "pipe.yaml" },
        new("did-you-mean on a 120,000-character name", "4", c => Validate(c, EchoSpec.Replace("flow: writer", "flow: " + new string('w', 120_000), StringComparison.Ordinal)), ExitCodes.InvalidInput) { Says = "spec.yaml:" },

        // Evaluation inputs (issue 14): data sets and baselines are read within bounds, devices and FIFOs never opened.
        new("eval data is /dev/zero", "14", c => Args("eval", c.Write("spec.yaml", EchoSpec), "--data", "/dev/zero"), ExitCodes.InvalidInput) { Says = "not a regular file" },
        new("eval data is a FIFO", "14", c =>
        {
            using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", c.Path("cases.jsonl")))
            {
                mkfifo.WaitForExit();
                Assert.Equal(0, mkfifo.ExitCode);
            }

            return Args("eval", c.Write("spec.yaml", EchoSpec), "--data", "cases.jsonl");
        }, ExitCodes.InvalidInput) { Says = "not a regular file" },
        new("eval baseline is not a report", "14", c => Args("eval", c.Write("spec.yaml", EchoSpec), "--data", c.Write("cases.jsonl", "{\"task\":\"t\"}\n"), "--baseline", c.Write("old.json", "[1, 2]")), ExitCodes.InvalidInput) { Says = "not a Baton evaluation report", OneLine = true },

        new("eval data set is a folder", "14", c =>
        {
            Directory.CreateDirectory(c.Path("cases"));
            return Args("eval", c.Write("spec.yaml", EchoSpec), "--data", "cases");
        }, ExitCodes.InvalidInput) { Says = "cases is a directory, not a file" },
        new("eval data set is not UTF-8", "14", c =>
        {
            File.WriteAllBytes(c.Path("latin1.jsonl"), [0x7B, 0x22, 0x74, 0x61, 0x73, 0x6B, 0x22, 0x3A, 0x22, 0xE9, 0x22, 0x7D, 0x0A]);
            return Args("eval", c.Write("spec.yaml", EchoSpec), "--data", "latin1.jsonl");
        }, ExitCodes.InvalidInput) { Says = "is not UTF-8 text (invalid bytes at offset 9)" },
        new("eval data set cannot be read (no permission)", "14", c =>
        {
            c.Write("secret.jsonl", "{\"task\":\"t\"}\n");
            c.SetMode(c.Path("secret.jsonl"), UnixFileMode.UserWrite);
            return Args("eval", c.Write("spec.yaml", EchoSpec), "--data", "secret.jsonl");
        }, ExitCodes.InvalidInput) { Says = "secret.jsonl cannot be read", Unprivileged = true },
        new("eval data set: every line broken", "14", c => Args("eval", c.Write("spec.yaml", EchoSpec), "--data", c.Write("cases.jsonl", "{\"task\":\n[1,2]\n{\"task\": 3}\n{\"task\": \"\\ud83d\"}\n")), ExitCodes.InvalidInput) { Says = "cases.jsonl:4:" },
        new("eval baseline is truncated JSON", "14", c => Args("eval", c.Write("spec.yaml", EchoSpec), "--data", c.Write("cases.jsonl", "{\"task\":\"t\"}\n"), "--baseline", c.Write("old.json", "{\"format\": \"baton-eval\", \"cases\": [")), ExitCodes.InvalidInput) { Says = "old.json", OneLine = true },
        new("eval --replay of a report that is a folder", "14", c =>
        {
            Directory.CreateDirectory(c.Path("report.json"));
            return Args("eval", c.Write("spec.yaml", EchoSpec), "--data", c.Write("cases.jsonl", "{\"task\":\"t\"}\n"), "--replay", "report.json");
        }, ExitCodes.InvalidInput) { Says = "is a directory", OneLine = true },

        // People in the loop (issue 13): an answer file is read within bounds, devices and FIFOs never opened; the run keeps waiting.
        new("answer file is /dev/zero", "13", async c => Argv("answer", await Humans.WaitingRuns.StartAsync(c.Cli), "--file", "/dev/zero", "--as", "bob"), ExitCodes.InvalidInput) { Says = "not a regular file", OneLine = true },
        new("answer file is a FIFO", "13", async c =>
        {
            using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", c.Path("answer.json")))
            {
                mkfifo.WaitForExit();
                Assert.Equal(0, mkfifo.ExitCode);
            }

            return Argv("answer", await Humans.WaitingRuns.StartAsync(c.Cli), "--file", "answer.json", "--as", "bob");
        }, ExitCodes.InvalidInput) { Says = "not a regular file", OneLine = true },
        new("answer file is not UTF-8", "13", async c =>
        {
            File.WriteAllBytes(c.Path("answer.json"), [0x7B, 0xFF, 0xFE, 0x7D]);
            return Argv("answer", await Humans.WaitingRuns.StartAsync(c.Cli), "--file", "answer.json", "--as", "bob");
        }, ExitCodes.InvalidInput) { Says = "is not UTF-8 text", OneLine = true },
        new("answer holds a lone surrogate escape", "13", async c => Argv("answer", await Humans.DeskSpec.StartAsync(c.Cli), "--text", "{\"action\": \"\\ud83d\"}", "--as", "bob"), ExitCodes.InvalidInput) { Says = "the answer was refused; the run still waits" },
        new("yaml: a person as the supervisor", "13", c => Validate(c, "agents:\n  boss:\n    human: { question: Who? }\n  billing: {}\nflow:\n  supervisor: { supervisor: boss, specialists: [billing] }\n"), ExitCodes.InvalidInput) { Says = "spec.yaml:6:" },
        new("yaml: a person's timeout overflows TimeSpan", "13", c => Validate(c, "agents:\n  lead:\n    human: { question: Approve?, timeout: 99999999999999999999h }\nflow: lead\n"), ExitCodes.InvalidInput) { Says = "spec.yaml:3:" },
        new("yaml: approve by a model agent", "13", c => Validate(c, "agents:\n  writer: { approve: { by: editor } }\n  editor: {}\nflow:\n  sequential: [writer, editor]\n"), ExitCodes.InvalidInput) { Says = "spec.yaml:2:" },
        new("answer respondent with an escape sequence", "13", async c => Argv("answer", await Humans.WaitingRuns.StartAsync(c.Cli), "--text", "{}", "--as", "\u001b]52;c;aGk=\u0007"), ExitCodes.InvalidInput) { Says = "--as must be a name", OneLine = true },

        new("answer: unknown run", "13", c => Args("answer", "no-such-run", "--text", "{}", "--as", "bob"), ExitCodes.InvalidInput) { Says = "no run 'no-such-run'", OneLine = true },
        new("answer: --file holds malformed JSON", "13", async c => Argv("answer", await Humans.WaitingRuns.StartAsync(c.Cli), "--file", c.Write("answer.json", "{\"action\": \"refund\""), "--as", "bob"), ExitCodes.InvalidInput) { Says = "takes a JSON value and the answer is not one", OneLine = true },
        new("pending: store is not SQLite", "13", c => Args("pending", "--store", c.Write("notes.db", "not a database at all\n")), ExitCodes.Failed) { Says = "run store cannot be used", OneLine = true },

        // Commands added since issue 11: replay and the cluster worker.
        new("replay: unknown run", "3", _ => Args("replay", "no-such-run"), ExitCodes.InvalidInput) { Says = "no run 'no-such-run'", OneLine = true },
        new("replay: tampered row", "3", async c => Argv("replay", await c.TamperedStoreAsync("t.db", 2, "UPDATE events SET json = 'not json' WHERE run_id = $run AND seq = $seq"), "--store", "t.db"), ExitCodes.Failed) { Says = "sequence 2", OneLine = true },
        new("worker: --postgres on a closed loopback port", "3", _ => Args("worker", "--postgres", $"Host=127.0.0.1;Port={ClosedPort()};Username=baton;Password=hunter2-secret;Database=baton;Timeout=5"), ExitCodes.Failed)
        {
            Says = "the worker cannot start: the cluster's PostgreSQL at 127.0.0.1:", NeverSays = "hunter2-secret", OneLine = true,
        },
        new("worker: malformed --postgres", "3", _ => Args("worker", "--postgres", "Host=127.0.0.1;Bogus Key=1"), ExitCodes.InvalidInput) { Says = "--postgres is not a valid PostgreSQL connection string" },
        new("runs: --postgres on a closed loopback port", "3", _ => Args("runs", "--postgres", $"Host=127.0.0.1;Port={ClosedPort()};Username=baton;Password=hunter2-secret;Database=baton;Timeout=5"), ExitCodes.Failed)
        {
            Says = "cannot be reached", NeverSays = "hunter2-secret", OneLine = true,
        },

        // 1. A bad reply from the model is an invalid reply, never a crash.
        new("model reply: lone surrogate escape", "1", c =>
        {
            c.UseModel(200, ModelServer.Completion("{\"x\": \"\ud83d\"}"));
            return Args("run", c.Write("contract.yaml", EchoSpec.Replace("writes: draft", "writes: draft\n    output:\n      schema: {type: object, properties: {x: {type: string}}, required: [x]}", StringComparison.Ordinal)), "--model", "openai:gpt-test");
        }, ExitCodes.Failed, ExitCodes.Completed),
        new("model reply: 1e999 against an enum", "1", c =>
        {
            c.UseModel(200, ModelServer.Completion("{\"x\": 1e999}"));
            return Args("run", c.Write("contract.yaml", EchoSpec.Replace("writes: draft", "writes: draft\n    output:\n      schema: {type: object, properties: {x: {enum: [1, 2]}}, required: [x]}", StringComparison.Ordinal)), "--model", "openai:gpt-test");
        }, ExitCodes.Failed, ExitCodes.Completed),
        new("model reply: catastrophic pattern", "1", c =>
        {
            c.UseModel(200, ModelServer.Completion("{\"x\": \"" + new string('a', 40) + "!\"}"));
            return Args("run", c.Write("contract.yaml", EchoSpec.Replace("writes: draft", "writes: draft\n    output:\n      schema: {type: object, properties: {x: {type: string, pattern: '^(a+)+$'}}, required: [x]}", StringComparison.Ordinal)), "--model", "openai:gpt-test");
        }, ExitCodes.Failed, ExitCodes.Completed),

        // 7. Smaller ones.
        new("response file @/etc/passwd", "7", _ => Args("show", "@/etc/passwd"), ExitCodes.InvalidInput) { Says = "no run '@/etc/passwd'", NeverSays = "root:", OneLine = true },
        new("401 names the variable", "7", c =>
        {
            c.Environment["OPENAI_API_KEY"] = "sk-proj-wrongwrongwrongwrong";
            c.UseModel(401, ModelServer.Error("invalid_request_error", "Incorrect API key provided."));
            return Args("run", c.Write("echo.yaml", EchoSpec), "--model", "openai:gpt-test");
        }, ExitCodes.Failed) { Says = "set a valid key in OPENAI_API_KEY", NeverSays = "wrongwrong" },
    ];

    private const string Agents = "agents:\n  writer:\n    instructions: Write.\nflow: writer\n";

    private static Task<string[]> Args(params string[] args) => Task.FromResult(args);

    private static string[] Argv(params string[] args) => args;

    private static Task<string[]> Validate(BadInputContext context, string yaml) => Args("validate", context.Write("spec.yaml", yaml));

    // A loopback port nothing listens on: connections to it are refused at once.
    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Nested(int depth)
    {
        var text = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            text.Append("{sequential: [");
        }

        text.Append("writer");
        for (var i = 0; i < depth; i++)
        {
            text.Append("]}");
        }

        return text.ToString();
    }

    // Nine levels of ten aliases each: 10^9 nodes once expanded, from well under a kilobyte of text.
    private static string AliasBomb()
    {
        var text = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var level = 1; level < 10; level++)
        {
            var previous = $"*a{level - 1}";
            text.Append($"a{level}: &a{level} [{string.Join(", ", Enumerable.Repeat(previous, 10))}]\n");
        }

        return "name: bomb\nextra:\n" + string.Join('\n', text.ToString().Split('\n').Select(l => l.Length == 0 ? l : "  " + l));
    }
}
