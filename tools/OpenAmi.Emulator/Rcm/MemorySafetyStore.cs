using OpenAmi.Safety.Ports;

namespace OpenAmi.Emulator.Rcm;

/// <summary>The board's flash records in memory: survives a simulated reboot (the store outlives the supervisor).</summary>
public sealed class MemorySafetyStore : ISafetyStore
{
    public Dictionary<string, byte[]> Records { get; } = new();

    public byte[] Load(string key) => Records.TryGetValue(key, out var data) ? (byte[])data.Clone() : null!;

    public void Save(string key, byte[] data, int count) => Records[key] = data.AsSpan(0, count).ToArray();
}
