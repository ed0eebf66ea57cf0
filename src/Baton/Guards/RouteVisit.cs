namespace Baton.Guards;

/// <summary>One visit of a routing history: the agent (or orchestration) routed to and a digest of what it produced.</summary>
/// <param name="Target">The name routed to.</param>
/// <param name="Digest">A digest of the outputs the visit produced (see <see cref="OutputDigest"/>); equal digests mean no new information.</param>
internal readonly record struct RouteVisit(string Target, string Digest);
