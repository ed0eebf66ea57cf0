namespace Baton.Fuzz;

/// <summary>Inputs that broke a parser, kept by name so they stay fixed (the generated inputs may change).</summary>
public sealed class RegressionTests
{
    // Issue 11's reports, replayed through the fuzz checks.
    [Fact]
    public void Supervisor_LoneSurrogateEscapeInNextAgent_IsATypedError() =>
        FuzzTargets.CheckSupervisor("{\"next_agent\": \"\\ud83d\", \"context_for_agent\": \"\", \"reasoning\": \"\"}");

    [Fact]
    public void Output_RawLoneSurrogateInJson_IsATypedError() =>
        FuzzTargets.CheckOutput("{\"a\": \"\ud83d\"}", Agents.AgentOutputFormat.Json);

    [Fact]
    public void Contract_HugeNumberAgainstEnum_IsAValidationError() =>
        FuzzTargets.CheckContract("{\"enum\": [1, 2]}", "1e999");

    [Fact]
    public void Contract_UnresolvableRef_IsRejected() =>
        FuzzTargets.CheckContract("{\"$ref\": \"#/$defs/missing\"}", "1");

    [Fact]
    public void Spec_RecursiveAlias_IsADiagnostic() =>
        FuzzTargets.CheckSpec("a: &x [1, *x]\nagents:\n  a: {}\nflow: a\n");

    // Found by the fuzzer (contract validation, input 81): a lone surrogate escape in a schema's enum made the
    // library's own error message fail to serialize, so Validate threw a JsonException.
    [Fact]
    public void Contract_LoneSurrogateEscapeInSchemaEnum_IsRejectedAtCreation() =>
        FuzzTargets.CheckContract("{\"type\": \"null\", \"enum\": [[\"\\udc00\", {}]]}", "false");

    // Found by the fuzzer (contract validation, 50,000-input run): a schema that applies itself to the same value
    // recursed until the stack overflowed, which ends the process; such schemas are now rejected when created.
    [Fact]
    public void Contract_NotOfReferenceToItself_IsRejectedInsteadOfOverflowingTheStack() =>
        FuzzTargets.CheckContract("{\"not\": {\"$ref\": \"#\"}}", "1");

    [Fact]
    public void Contract_DynamicReferenceCycle_IsRejected() =>
        FuzzTargets.CheckContract("{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\", \"$dynamicAnchor\": \"anchor\", \"anyOf\": [{\"$dynamicRef\": \"#anchor\"}]}", "{}");

    // Found by the fuzzer (contract validation, 1,000,000-input run): the library's multipleOf divides in stack
    // buffers sized by the numbers' exponents, so a huge exponent overflowed the stack.
    [Fact]
    public void Contract_MultipleOfAgainstAHugeExponent_IsAValidationError() =>
        FuzzTargets.CheckContract("{\"multipleOf\": 1e-400}", "1e99999999999");

    // Found by the fuzzer (people's answers, 50,000-input run, inputs 11581 and 17913): a JSON string with a lone
    // surrogate escape, answered to a text step, threw while being read and failed the run; it is now refused.
    [Fact]
    public void Answer_JsonStringWithALoneSurrogateForATextStep_IsRefused() =>
        AnswerTarget.Check(new AnswerInputs.Case(AnswerInputs.Step.Text, AnswerInputs.Kind.Json, "\"\\ud83d\""));
}
