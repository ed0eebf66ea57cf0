using System.Diagnostics;
using Baton.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Baton.Tests.Telemetry;

/// <summary>Collects Baton's spans with the OpenTelemetry SDK's in-memory exporter, one trace at a time.</summary>
internal sealed class SpanCollector : IDisposable
{
    private readonly List<Activity> _exported = [];
    private readonly TracerProvider _provider;

    public SpanCollector()
    {
        _provider = Sdk.CreateTracerProviderBuilder()
            .AddSource(BatonTelemetry.ActivitySourceName)
            .AddInMemoryExporter(_exported)
            .Build();
    }

    /// <summary>Gets the spans of the trace whose run span carries <paramref name="runId"/>, in export (end) order.</summary>
    public IReadOnlyList<Activity> Trace(string runId)
    {
        _provider.ForceFlush();
        lock (_exported)
        {
            var run = _exported.Where(a => (a.GetTagItem("baton.run.id") as string) == runId && a.OperationName.StartsWith("invoke_workflow", StringComparison.Ordinal)).ToList();
            Assert.True(run.Count > 0, $"No run span for run '{runId}' was exported.");
            var traceIds = run.Select(r => r.TraceId).ToHashSet();
            return [.. _exported.Where(a => traceIds.Contains(a.TraceId))];
        }
    }

    public void Dispose() => _provider.Dispose();
}
