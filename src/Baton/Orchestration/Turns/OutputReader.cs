using Baton.Agents;
using Baton.Validation;
using Microsoft.Extensions.AI;

namespace Baton.Orchestration.Turns;

/// <summary>Reads an agent's reply as its output: text or JSON per its format, then its contract, if it has one.</summary>
internal sealed class OutputReader : ReplyReader
{
    private const string JsonFix = "Reply again with only the corrected JSON value, fixing every error above.";
    private const string TextFix = "Reply again with the corrected answer only.";
    private readonly OutputContract? _contract;
    private readonly AgentOutputFormat _format;

    private OutputReader(Agent owner)
    {
        _contract = owner.Contract;
        _format = _contract is not null ? AgentOutputFormat.Json : owner.OutputFormat;
        ResponseFormat = _contract is { RequestStructuredOutput: true } contract ? ChatResponseFormat.ForJsonSchema(contract.Schema, contract.Name) : null;
    }

    /// <inheritdoc />
    public override ChatResponseFormat? ResponseFormat { get; }

    /// <inheritdoc />
    public override bool ExpectsJson => _format == AgentOutputFormat.Json;

    /// <inheritdoc />
    public override string? ContractName => _contract?.Name;

    /// <inheritdoc />
    public override System.Text.Json.JsonElement? ContractSchema => _contract?.Schema;

    /// <inheritdoc />
    public override string WhatFailed => _contract is null ? "an unusable reply" : $"output that breaks contract '{_contract.Name}'";

    /// <summary>Gets the reader of <paramref name="owner"/>'s output (its contract also binds its fallback agent).</summary>
    public static OutputReader For(Agent owner) => owner.OutputReader ??= new OutputReader(owner);

    /// <inheritdoc />
    public override ReplyReading Read(string text)
    {
        if (!AgentOutputParser.TryParse(text, _format, out var value, out var parseError))
        {
            return ReplyReading.Reject([new OutputValidationError(string.Empty, parseError!)], null, _format == AgentOutputFormat.Json ? JsonFix : TextFix);
        }

        return Check(value);
    }

    /// <inheritdoc />
    public override ReplyReading ReadFixedAnswer(System.Text.Json.JsonElement answer) => Check(answer);

    private ReplyReading Check(System.Text.Json.JsonElement value)
    {
        var errors = _contract?.Validate(value).Errors ?? [];
        return errors.IsDefaultOrEmpty
            ? ReplyReading.Accept(value)
            : ReplyReading.Reject(errors, $"It does not satisfy the output contract '{_contract!.Name}'. Errors (JSON path: problem):", JsonFix);
    }
}
