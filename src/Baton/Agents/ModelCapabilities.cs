namespace Baton.Agents;

/// <summary>
/// What a chat client's provider can enforce. Provider adapters return an instance from
/// <c>IChatClient.GetService(typeof(ModelCapabilities))</c>; middleware passes the request through to the client
/// it wraps. A client that returns none is treated as <see cref="Unknown"/>.
/// </summary>
public sealed record ModelCapabilities
{
    /// <summary>Gets the capabilities of a client that declares none: no schema enforcement.</summary>
    public static ModelCapabilities Unknown { get; } = new();

    /// <summary>Gets how the provider enforces a requested JSON schema.</summary>
    /// <value>The default is <see cref="StructuredOutputMechanism.None"/>: replies are only validated.</value>
    public StructuredOutputMechanism StructuredOutput { get; init; } = StructuredOutputMechanism.None;

    /// <summary>Gets whether the provider honours <c>ChatOptions.MaxOutputTokens</c>.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool SupportsMaxOutputTokens { get; init; } = true;

    /// <summary>
    /// Gets the capabilities of the client a call fails over to when this one fails (<c>UseBatonFallback</c>), if
    /// any: the other properties describe the path every call tries first.
    /// </summary>
    /// <value>The default is <see langword="null"/>: no fallback model.</value>
    public ModelCapabilities? Fallback { get; init; }
}
