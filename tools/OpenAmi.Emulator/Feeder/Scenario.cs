namespace OpenAmi.Emulator.Feeder;

/// <summary>
/// A scripted run of the feeder over simulated time: when it starts (UTC), how long it lasts, which feeder
/// configuration it uses, and the events in time order (stable for equal times). Format: docs/emulator.md.
/// </summary>
public sealed record Scenario(string Name, string Description, DateTime StartUtc, long DurationMs, string? ConfigPath, IReadOnlyList<ScenarioEvent> Events);

/// <summary>One thing wrong with a scenario file: a JSON path and the reason.</summary>
public sealed record ScenarioError(string Path, string Reason)
{
    public override string ToString() => Path + ": " + Reason;
}

/// <summary>A scenario that cannot run; every error found, in document order.</summary>
public sealed class ScenarioException(IReadOnlyList<ScenarioError> errors)
    : Exception(string.Join("; ", errors.Select(e => e.ToString())))
{
    public IReadOnlyList<ScenarioError> Errors { get; } = errors;
}
