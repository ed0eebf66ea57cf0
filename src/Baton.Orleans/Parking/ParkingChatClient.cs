using Baton.Resilience;
using Microsoft.Extensions.AI;

namespace Baton.Orleans.Parking;

/// <summary>
/// Parks a run when its provider asks it to back off for long: rather than holding the run in memory (or failing the
/// step), the execution stops writing, its grain deactivates, and a reminder continues it when the back-off ends.
/// </summary>
/// <remarks>
/// The call that was refused is recorded as sent (<c>agent_called</c>) without an answer, so the run resumes exactly as
/// after a crash in flight: the call is sent again and <c>run_resumed.resends_in_flight_call</c> says so. The provider
/// refused it, so nothing is paid twice.
/// </remarks>
internal sealed class ParkingChatClient(IChatClient inner, IParkingTarget target, TimeSpan parkAfter, TimeProvider timeProvider) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ShouldPark(ex, out var until))
        {
            target.Park(until, $"the provider asked to retry after {until - timeProvider.GetUtcNow():g} ({ex.GetType().Name})");
            throw;
        }
    }

    private bool ShouldPark(Exception exception, out DateTimeOffset until)
    {
        var now = timeProvider.GetUtcNow();
        if (TransientErrorClassifier.TryGetRetryAfter(exception, now, out var wait) && wait >= parkAfter)
        {
            until = now + wait;
            return true;
        }

        until = default;
        return false;
    }
}
