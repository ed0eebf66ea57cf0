using System.ClientModel.Primitives;

namespace Baton.Providers.Tests.Wire;

/// <summary>A System.ClientModel response (what the OpenAI SDK's ClientResultException carries) with a status and headers.</summary>
internal sealed class FakePipelineResponse(int status, Dictionary<string, string> headers) : PipelineResponse
{
    private Stream? _content;

    public override int Status => status;

    public override string ReasonPhrase => "fake";

    public override Stream? ContentStream
    {
        get => _content;
        set => _content = value;
    }

    public override BinaryData Content => BinaryData.FromString("{}");

    protected override PipelineResponseHeaders HeadersCore => new FakeHeaders(headers);

    public override BinaryData BufferContent(CancellationToken cancellationToken = default) => Content;

    public override ValueTask<BinaryData> BufferContentAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(Content);

    public override void Dispose() => _content?.Dispose();

    private sealed class FakeHeaders(Dictionary<string, string> headers) : PipelineResponseHeaders
    {
        public override bool TryGetValue(string name, out string? value)
        {
            var found = headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));
            value = found.Value;
            return found.Key is not null;
        }

        public override bool TryGetValues(string name, out IEnumerable<string>? values)
        {
            var found = TryGetValue(name, out var value);
            values = found ? [value!] : null;
            return found;
        }

        public override IEnumerator<KeyValuePair<string, string>> GetEnumerator() => headers.GetEnumerator();
    }
}
