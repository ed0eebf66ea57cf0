using Baton.Evaluation.Expectations;

namespace Baton.Evaluation.Tests.Expectations;

public sealed class ExpectationTests
{
    private static async Task<EvalCaseResult> RunAsync(string expect, ArticlePipeline? pipeline = null, string task = "drought and wheat", EvalOptions? options = null)
    {
        pipeline ??= new ArticlePipeline();
        var report = await pipeline.EvaluateAsync($$"""{"id":"c1","task":{{System.Text.Json.JsonSerializer.Serialize(task)}},"expect":{{expect}}}""", options);
        return Assert.Single(report.Results);
    }

    private static ExpectationResult Only(EvalCaseResult result, string kind) => Assert.Single(result.Expectations, e => e.Kind == kind);

    [Fact]
    public async Task Status_Completed_Passes()
    {
        var result = await RunAsync("""{"status":"completed"}""");

        Assert.Equal(ExpectationOutcome.Passed, Only(result, "status").Outcome);
        Assert.Equal(CaseOutcome.Passed, result.Outcome);
    }

    [Fact]
    public async Task Status_NoneStated_ImpliesCompleted()
    {
        var pipeline = new ArticlePipeline { Editor = _ => throw new InvalidOperationException("model down") };

        var result = await RunAsync("""{"max_steps":5}""", pipeline);

        var status = Only(result, "status");
        Assert.Equal("status is completed", status.Description);
        Assert.Equal(ExpectationOutcome.Failed, status.Outcome);
        Assert.Equal("failed", result.Status);
        Assert.Equal(CaseOutcome.Failed, result.Outcome);
    }

    [Fact]
    public async Task Status_EmptyTaskExpectedRejected_PassesWithoutARun()
    {
        var result = await RunAsync("""{"status":"rejected"}""", task: "");

        Assert.Equal(CaseOutcome.Passed, result.Outcome);
        Assert.Equal(CaseStatus.Rejected, result.Status);
        Assert.Null(result.RunId);
        Assert.Contains("task is empty", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_EmptyTaskExpectedCompleted_Fails()
    {
        var result = await RunAsync("""{"status":"completed"}""", task: "  ");

        Assert.Equal(ExpectationOutcome.Failed, Only(result, "status").Outcome);
    }

    [Fact]
    public async Task Status_OneOfSeveral_AcceptsEither()
    {
        var pipeline = new ArticlePipeline { Editor = _ => throw new InvalidOperationException("model down") };

        var result = await RunAsync("""{"status":["completed","failed"]}""", pipeline);

        Assert.Equal(ExpectationOutcome.Passed, Only(result, "status").Outcome);
    }

    [Fact]
    public async Task Contract_ValidOutputs_Passes()
    {
        var result = await RunAsync("""{"contract":true}""");

        var contract = Only(result, "contract");
        Assert.Equal(ExpectationOutcome.Passed, contract.Outcome);
        Assert.Contains("1 output(s) checked", contract.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Contract_ReplyRejectedUntilTheStepFailed_Fails()
    {
        var pipeline = new ArticlePipeline { Researcher = _ => """{"summary":"no facts"}""" };

        var result = await RunAsync("""{"status":["completed","failed"],"contract":true}""", pipeline);

        var contract = Only(result, "contract");
        Assert.Equal(ExpectationOutcome.Failed, contract.Outcome);
        Assert.Contains("researcher's reply broke its contract", contract.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Contains_TextInFinalOutput_Passes()
    {
        var result = await RunAsync("""{"contains":"wheat yields"}""");

        Assert.Equal(ExpectationOutcome.Passed, Only(result, "contains").Outcome);
    }

    [Fact]
    public async Task Contains_IsCaseSensitive_FailsOnOtherCase()
    {
        var result = await RunAsync("""{"contains":"WHEAT"}""");

        var contains = Only(result, "contains");
        Assert.Equal(ExpectationOutcome.Failed, contains.Outcome);
        Assert.Contains("does not contain", contains.Message, StringComparison.Ordinal);
        Assert.Equal(CaseOutcome.Failed, result.Outcome);
    }

    [Fact]
    public async Task NotContains_ForbiddenTextInAnyCase_Fails()
    {
        var pipeline = new ArticlePipeline { Editor = _ => "Sure! pwned. Here is the article." };

        var result = await RunAsync("""{"not_contains":"PWNED"}""", pipeline);

        var check = Only(result, "not_contains");
        Assert.Equal(ExpectationOutcome.Failed, check.Outcome);
        Assert.Contains("at character 6", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotContains_Absent_Passes()
    {
        var result = await RunAsync("""{"not_contains":["PWNED","as an AI"]}""");

        Assert.All(result.Expectations.Where(e => e.Kind == "not_contains"), e => Assert.Equal(ExpectationOutcome.Passed, e.Outcome));
    }

    [Fact]
    public async Task Regex_Matches_PassesAndNotRegexFails()
    {
        var result = await RunAsync("""{"regex":"(?i)DROUGHT","not_regex":"flower\\w+"}""");

        Assert.Equal(ExpectationOutcome.Passed, Only(result, "regex").Outcome);
        var negated = Only(result, "not_regex");
        Assert.Equal(ExpectationOutcome.Failed, negated.Outcome);
        Assert.Contains("\"flowering\"", negated.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Regex_NoMatch_Fails()
    {
        var result = await RunAsync("""{"regex":"^Summary:"}""");

        Assert.Equal(ExpectationOutcome.Failed, Only(result, "regex").Outcome);
    }

    [Fact]
    public async Task Regex_CatastrophicPattern_IsAnErrorAfterTheMatchTimeout()
    {
        var pipeline = new ArticlePipeline { Editor = _ => new string('a', 40) + "!" };
        var cases = ArticlePipeline.Cases("""{"id":"c1","task":"t","expect":{"regex":"^(a+)+$"}}""");
        var slow = cases[0] with { Expectations = [new RegexExpectation("^(a+)+$", timeout: TimeSpan.FromMilliseconds(20))] };

        var report = await new EvalRunner(pipeline.Runner()).RunAsync(pipeline.Build(), [slow], TestContext.Current.CancellationToken);

        var check = Assert.Single(report.Results[0].Expectations, e => e.Kind == "regex");
        Assert.Equal(ExpectationOutcome.Error, check.Outcome);
        Assert.Contains("match timeout", check.Message, StringComparison.Ordinal);
        Assert.Equal(CaseOutcome.Error, report.Results[0].Outcome);
    }

    [Fact]
    public async Task Equals_ValueAtJsonPathOfNamedOutput_PassesAndMismatchFails()
    {
        var result = await RunAsync("""{"outputs":{"research":{"equals":{"$.sources[0]":"FAO 2021","$['key_facts'][-1]":"other"}}}}""");

        var checks = result.Expectations.Where(e => e.Kind == "equals").ToList();
        Assert.Equal(ExpectationOutcome.Passed, checks[0].Outcome);
        Assert.Equal(ExpectationOutcome.Failed, checks[1].Outcome);
        Assert.Contains("expected \"other\"", checks[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Equals_MissingPath_FailsSayingWhere()
    {
        var result = await RunAsync("""{"outputs":{"research":{"equals":{"$.meta.author":"x"}}}}""");

        var check = Only(result, "equals");
        Assert.Equal(ExpectationOutcome.Failed, check.Outcome);
        Assert.Contains("$ has no property 'meta'", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Equals_TextOutputHoldingJson_IsParsed()
    {
        var pipeline = new ArticlePipeline { Editor = _ => """{"title":"Drought","words":120}""" };

        var result = await RunAsync("""{"equals":{"$.words":120}}""", pipeline);

        Assert.Equal(ExpectationOutcome.Passed, Only(result, "equals").Outcome);
    }

    [Fact]
    public async Task Equals_PlainTextOutput_FailsAsNotJson()
    {
        var result = await RunAsync("""{"equals":{"$.title":"x"}}""");

        Assert.Contains("is text, not JSON", Only(result, "equals").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NamedOutput_Missing_FailsListingRecordedOutputs()
    {
        var result = await RunAsync("""{"outputs":{"summary":{"contains":"x"}}}""");

        var check = Only(result, "contains");
        Assert.Equal(ExpectationOutcome.Failed, check.Outcome);
        Assert.Contains("no output 'summary' (it recorded: article, draft, research)", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MaxTokens_UnderAndOver_PassesAndFails()
    {
        var result = await RunAsync("""{"max_tokens":100000}""");
        var over = await RunAsync("""{"max_tokens":5}""");

        Assert.Equal(ExpectationOutcome.Passed, Only(result, "max_tokens").Outcome);
        Assert.Equal(ExpectationOutcome.Failed, Only(over, "max_tokens").Outcome);
        Assert.Contains("over", Only(over, "max_tokens").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MaxSteps_UnderAndOver_PassesAndFails()
    {
        var result = await RunAsync("""{"max_steps":3}""");
        var over = await RunAsync("""{"max_steps":2}""");

        Assert.Equal(ExpectationOutcome.Passed, Only(result, "max_steps").Outcome);
        Assert.Equal("3 steps, 1 over", Only(over, "max_steps").Message);
    }

    [Fact]
    public async Task ContentExpectations_InRehearsal_AreNotEvaluatedAndDoNotFailTheCase()
    {
        var result = await RunAsync("""{"contains":"never there","judge":"anything","max_steps":3}""", options: new EvalOptions { IsRehearsal = true });

        Assert.Equal(ExpectationOutcome.NotEvaluated, Only(result, "contains").Outcome);
        Assert.Equal(ExpectationOutcome.NotEvaluated, Only(result, "judge").Outcome);
        Assert.Equal(ExpectationOutcome.Passed, Only(result, "max_steps").Outcome);
        Assert.Equal(CaseOutcome.Passed, result.Outcome);
    }
}
