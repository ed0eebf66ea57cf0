namespace Baton.Fuzz;

/// <summary>One row as a store keeps it: the run and sequence it is stored under, its JSON and its schema version.</summary>
internal sealed record StoredRow(string RunId, long Sequence, string Json, int SchemaVersion);
