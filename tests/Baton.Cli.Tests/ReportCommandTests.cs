using Microsoft.Playwright;

namespace Baton.Cli.Tests;

public sealed class ReportCommandTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task Report_Run_WritesSelfContainedEscapedHtml()
    {
        using var cli = new CliHarness();
        var run = await cli.RunAsync("run", "samples/01-sequential/pipeline.yaml", "--task", "<script>alert('x')</script> & more", "--json");
        var runId = System.Text.Json.JsonDocument.Parse(run.Out).RootElement.GetProperty("run_id").GetString()!;

        var report = await cli.RunAsync("report", runId, "-o", "out/trace.html");

        Assert.True(report.ExitCode == 0, report.ToString());
        var html = await File.ReadAllTextAsync(Path.Combine(cli.WorkingDirectory, "out", "trace.html"), TestContext.Current.CancellationToken);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.Equal(3, CountOf(html, "<section class=\"step\""));
        Assert.Contains("reached the prompt", html, StringComparison.Ordinal);
        Assert.Contains("What writer saw", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_InHeadlessChromium_LoadsWithoutErrorsShowsEveryStepAndRendersAScreenshot()
    {
        if (!File.Exists(Chromium))
        {
            Assert.True(Environment.GetEnvironmentVariable("CI") != "true", $"{Chromium} is missing on CI; .ci/setup.d/chromium.sh installs it.");
            Assert.Skip($"{Chromium} is not installed. Install it with: sudo apt-get install -y chromium (or run .ci/setup.d/chromium.sh).");
        }

        using var cli = new CliHarness();
        var runId = await InspectionCommandTests.RunIdAsync(cli);
        var report = await cli.RunAsync("report", runId, "-o", "trace.html");
        Assert.Equal(0, report.ExitCode);
        var path = Path.Combine(cli.WorkingDirectory, "trace.html");

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
            if (message.Type == "error")
            {
                problems.Add("console: " + message.Text);
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
        var steps = await page.Locator("section.step").CountAsync();
        var titles = await page.Locator("section.step h2").AllInnerTextsAsync();
        await page.ClickAsync("#toggle");
        var screenshot = Path.Combine(AppContext.BaseDirectory, "screenshots", "trace.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });

        Assert.Empty(problems);
        Assert.Equal(3, steps);
        Assert.Equal(["Step 1: (start) → researcher", "Step 2: researcher → writer", "Step 3: writer → editor"], titles);
        var png = await File.ReadAllBytesAsync(screenshot, TestContext.Current.CancellationToken);
        Assert.True(png.Length > 1000, $"screenshot is {png.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
    }

    [Fact]
    public async Task Report_PersonsTurnInHeadlessChromium_ShowsTheQuestionTheWaitAndTheAnswerWithItsRespondent()
    {
        if (!File.Exists(Chromium))
        {
            Assert.True(Environment.GetEnvironmentVariable("CI") != "true", $"{Chromium} is missing on CI; .ci/setup.d/chromium.sh installs it.");
            Assert.Skip($"{Chromium} is not installed. Install it with: sudo apt-get install -y chromium (or run .ci/setup.d/chromium.sh).");
        }

        using var cli = new CliHarness();
        var runId = await Humans.DeskSpec.StartAsync(cli);
        var answer = await cli.RunAsync("answer", runId, "--text", """{"action": "refund"}""", "--as", "alice <ops>");
        Assert.True(answer.ExitCode == 0, answer.ToString());
        var report = await cli.RunAsync("report", runId, "-o", "trace.html");
        Assert.Equal(0, report.ExitCode);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync();
        var problems = new List<string>();
        page.PageError += (_, error) => problems.Add("page error: " + error);
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith("file://", StringComparison.Ordinal))
            {
                problems.Add("network: " + request.Url);
            }
        };

        await page.GotoAsync(new Uri(Path.Combine(cli.WorkingDirectory, "trace.html")).AbsoluteUri);
        var titles = await page.Locator("section.step h2").AllInnerTextsAsync();
        var person = await page.Locator("div.call.input").InnerTextAsync();

        Assert.Empty(problems);
        Assert.Equal(3, titles.Count);
        Assert.Contains("Asked support-leads (lead)", person, StringComparison.Ordinal);
        Assert.Contains("Decide the resolution for this escalated case.", person, StringComparison.Ordinal);
        Assert.Matches(@"Answered by alice <ops> at .+ after \d+", person);
        Assert.Contains("\"refund\"", person, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
