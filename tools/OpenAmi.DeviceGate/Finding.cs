namespace OpenAmi.DeviceGate;

/// <summary>One construct in a compiled assembly that the nanoFramework 1.x metadata processor rejects.</summary>
public sealed record Finding(string Assembly, string Rule, string Subject, string Reason)
{
    public override string ToString() =>
        $"error {Rule}: {Assembly}: {Subject} — {Reason} (see shared/NANO-SUBSET.md)";
}
