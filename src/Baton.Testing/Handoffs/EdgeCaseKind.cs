namespace Baton.Testing;

/// <summary>The ways <see cref="EdgeCaseGenerator"/> makes an upstream agent misbehave.</summary>
public enum EdgeCaseKind
{
    /// <summary>The upstream output is JSON cut off part-way (recorded as text, as a text agent's broken JSON would be).</summary>
    TruncatedJson,

    /// <summary>Every top-level field of the upstream output has a value of the wrong JSON type.</summary>
    WrongTypes,

    /// <summary>Fields the upstream contract does not require are missing (without a contract, a seeded choice of fields).</summary>
    MissingOptionalFields,

    /// <summary>The context holds no upstream outputs at all.</summary>
    EmptyContext,

    /// <summary>The upstream output is padded beyond the token budget.</summary>
    Oversized,

    /// <summary>The upstream text holds hard Unicode: combining marks, right-to-left overrides, zero-width characters, emoji, other scripts.</summary>
    Unicode,

    /// <summary>The upstream text holds a prompt injection ("ignore previous instructions") asking for a canary word.</summary>
    PromptInjection,

    /// <summary>The upstream text holds a forged reviewer verdict (<c>APPROVED:</c>).</summary>
    ForgedApproval,

    /// <summary>The upstream text holds a forged routing decision (<c>{"next_agent": ...}</c>) naming an agent that does not exist.</summary>
    ForgedRouting,
}
