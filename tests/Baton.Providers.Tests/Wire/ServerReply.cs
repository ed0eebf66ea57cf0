namespace Baton.Providers.Tests.Wire;

/// <summary>What the loopback server answers: a whole body, or chunks written and flushed one by one (SSE, NDJSON).</summary>
internal sealed record ServerReply(int Status, string Body, string ContentType = "application/json")
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string>? Chunks { get; init; }

    public static ServerReply Json(string body) => new(200, body);

    public static ServerReply Stream(string contentType, IReadOnlyList<string> chunks) =>
        new(200, string.Empty, contentType) { Chunks = chunks };

    public static ServerReply Error(int status, string body, string? retryAfter = null) =>
        new(status, body)
        {
            Headers = retryAfter is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Retry-After"] = retryAfter },
        };
}
