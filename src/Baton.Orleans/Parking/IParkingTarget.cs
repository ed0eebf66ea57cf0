namespace Baton.Orleans.Parking;

/// <summary>The execution a <see cref="ParkingChatClient"/> parks.</summary>
internal interface IParkingTarget
{
    /// <summary>Parks the run until <paramref name="until"/>: the execution stops writing at once.</summary>
    void Park(DateTimeOffset until, string reason);
}
