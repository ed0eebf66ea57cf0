using Baton.Evaluation.Baselines;
using Baton.Evaluation.Reports;
using Baton.Validation;
using Microsoft.Playwright;

namespace Baton.Evaluation.Tests.Reports;

public sealed class HtmlEvalReportTests
{
    private const string Chromium = "/usr/bin/chromium";

    /// <summary>An evaluation whose researcher → writer handoff is the weak one: the writer's first reply breaks its contract in half the runs.</summary>
    private static async Task<EvalReport> WeakWriterReportAsync()
    {
        var writerCalls = 0;
        var pipeline = new ArticlePipeline
        {
            WriterContract = OutputContract.FromSchema(System.Text.Json.JsonDocument.Parse("""{"type":"object","required":["draft"]}""").RootElement),
            Writer = _ => Interlocked.Increment(ref writerCalls) % 3 == 1 ? "not json" : """{"draft":"Drought cuts wheat yields."}""",
            Editor = r => ArticlePipeline.Topic(r).Contains("script", StringComparison.Ordinal) ? "<script>alert('pwned')</script> article" : "wheat article",
        };
        return await pipeline.EvaluateAsync("""
            {"id":"a","task":"drought","expect":{"contains":"wheat"}}
            {"id":"b","task":"<script>alert(1)</script>","expect":{"contains":"wheat"}}
            {"id":"c","task":"floods","expect":{"contains":"wheat","judge":"anything"}}
            {"id":"d","task":"heat","expect":{"contains":"wheat"}}
            """, new EvalOptions { Concurrency = 1, Name = "article" });
    }

    [Fact]
    public async Task Render_Report_IsSelfContainedAndEscapesEverythingFromRuns()
    {
        var html = HtmlEvalReport.Render(await WeakWriterReportAsync());

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" src=", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_WeakestHandoff_IsTheFirstSection()
    {
        var html = HtmlEvalReport.Render(await WeakWriterReportAsync());

        var main = html.IndexOf("<main>", StringComparison.Ordinal);
        Assert.Equal(main + "<main>".Length, html.IndexOf("<section id=\"edges\">", StringComparison.Ordinal));
        Assert.Contains("Weakest handoff: <b>researcher → writer</b> — 50% of its 4 handoffs had trouble", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_FailedRuns_LinkToTheirTracesAndBaselineIsShown()
    {
        var report = await WeakWriterReportAsync();
        var diff = new BaselineDiff("old.json", [new CaseChange("b", 1, 1, 0, 1) { Why = "contains" }], [], [], [], [], 3);

        var html = HtmlEvalReport.Render(report, diff, r => $"traces/{r.RunId}.html");

        var failed = report.Results.Single(r => r.Case.Id == "b");
        Assert.Contains($"<a href=\"traces/{failed.RunId}.html\">trace of run <code>{failed.RunId}</code></a>", html, StringComparison.Ordinal);
        Assert.Contains("<section id=\"baseline\"><h2>Compared with <code>old.json</code></h2><p>1 regression(s)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_InHeadlessChromium_LoadsWithoutErrorsAndShowsTheWeakestHandoffFirst()
    {
        if (!File.Exists(Chromium))
        {
            Assert.True(Environment.GetEnvironmentVariable("CI") != "true", $"{Chromium} is missing on CI; .ci/setup.d/chromium.sh installs it.");
            Assert.Skip($"{Chromium} is not installed. Install it with: sudo apt-get install -y chromium (or run .ci/setup.d/chromium.sh).");
        }

        var folder = Directory.CreateTempSubdirectory("baton-eval-html-").FullName;
        try
        {
            var path = Path.Combine(folder, "report.html");
            await File.WriteAllTextAsync(path, HtmlEvalReport.Render(await WeakWriterReportAsync()), TestContext.Current.CancellationToken);

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            var page = await browser.NewPageAsync();
            var problems = new List<string>();
            page.Console += (_, message) =>
            {
                if (message.Type is "error" or "warning")
                {
                    problems.Add($"console {message.Type}: {message.Text}");
                }
            };
            page.PageError += (_, error) => problems.Add("page error: " + error);
            page.Request += (_, request) =>
            {
                if (!request.Url.StartsWith("file://", StringComparison.Ordinal))
                {
                    problems.Add("network: " + request.Url);
                }
            };

            await page.GotoAsync(new Uri(path).AbsoluteUri);
            var firstSection = await page.Locator("main > section").First.GetAttributeAsync("id");
            var weakest = await page.Locator("#edges tbody tr").First.Locator("td").First.InnerTextAsync();
            var weakestVisible = await page.Locator("#weakest").IsVisibleAsync();
            var rows = await page.Locator("#runs tbody tr").CountAsync();
            await page.ClickAsync("button[data-filter=failed]");
            var visibleAfterFilter = await page.Locator("#runs tbody tr:visible").CountAsync();
            var screenshot = Path.Combine(AppContext.BaseDirectory, "screenshots", "eval-report.png");
            Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });

            Assert.Empty(problems);
            Assert.Equal("edges", firstSection);
            Assert.Equal("researcher → writer", weakest);
            Assert.True(weakestVisible);
            Assert.Equal(4, rows);
            Assert.Equal(1, visibleAfterFilter);
            Assert.True(new FileInfo(screenshot).Length > 1000);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
