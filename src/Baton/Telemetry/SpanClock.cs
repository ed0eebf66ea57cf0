using System.Diagnostics;

namespace Baton.Telemetry;

/// <summary>Starts and stops activities at timestamps taken from journal events, leaving the ambient activity alone.</summary>
internal static class SpanClock
{
    public static Activity? Start(string name, ActivityContext parent, DateTimeOffset start)
    {
        // The observer runs on the run's own flow: starting an activity must not make it the caller's ambient parent.
        var previous = Activity.Current;
        var activity = TelemetryInstruments.Source.CreateActivity(name, ActivityKind.Internal, parent);
        if (activity is null)
        {
            return null;
        }

        activity.SetStartTime(start.UtcDateTime);
        activity.Start();
        Activity.Current = previous;
        return activity;
    }

    public static void Stop(Activity? activity, DateTimeOffset end)
    {
        if (activity is null || activity.IsStopped)
        {
            return;
        }

        // A zero duration would make Activity.Stop measure with the real clock; journal time is what counts.
        var endUtc = end.UtcDateTime;
        if (endUtc <= activity.StartTimeUtc)
        {
            endUtc = activity.StartTimeUtc.AddTicks(1);
        }

        activity.SetEndTime(endUtc);
        var previous = Activity.Current;
        activity.Stop();
        Activity.Current = previous;
    }

    public static void AddEvent(Activity? activity, string name, DateTimeOffset timestamp, ActivityTagsCollection? tags = null) =>
        activity?.AddEvent(new ActivityEvent(name, timestamp, tags));
}
