namespace OpenAmi.DeviceGate;

/// <summary>One thing in a compiled device assembly that the nanoFramework 1.x toolchain or interpreter would get wrong.</summary>
public sealed record Finding(string Assembly, string Rule, string Subject, string Reason)
{
    public override string ToString() =>
        $"error {Rule}: {Assembly}: {Subject} — {Reason} (see docs/device-subset.md)";
}
