using OpenAmi.Emulator.Feeder;
using OpenAmi.Gateway.Config;
using OpenAmi.Gateway.Ports;

namespace OpenAmi.Emulator.Device;

/// <summary>
/// What the gateway's composition takes from the heap, per component in the order <c>GatewayApp</c> builds them:
/// the bytes the composing thread allocated (<see cref="GC.GetAllocatedBytesForCurrentThread"/>, exact, including what
/// a component drops again, such as the vendor profiles' JSON), and the bytes still held after a full collection
/// (<see cref="GC.GetTotalMemory"/>, what the device's collector must walk from then on).
/// </summary>
public sealed class CompositionMeter : ICompositionProbe
{
    private readonly List<Part> _parts = [];
    private long _allocatedMark;
    private long _heldMark;
    private long _allocatedStart;
    private long _heldStart;
    private long _hostSideMark;

    /// <param name="HostSide">Of <paramref name="Allocated"/>, what the emulator's own ports (host file stores) allocated.</param>
    public sealed record Part(string Component, long Allocated, long Held, long HostSide);

    /// <summary>Each component of the last composition, in order.</summary>
    public IReadOnlyList<Part> Parts => _parts;

    /// <summary>Bytes the whole last composition allocated.</summary>
    public long Allocated => _allocatedMark - _allocatedStart;

    /// <summary>Of <see cref="Allocated"/>, what the emulator's own ports allocated (host file stores, through System.IO).</summary>
    public long HostSide => _parts.Sum(p => p.HostSide);

    /// <summary>Bytes the last composition left held after a full collection.</summary>
    public long Held => _heldMark - _heldStart;

    public void Composing()
    {
        _parts.Clear();
        _heldStart = _heldMark = GC.GetTotalMemory(forceFullCollection: true);
        _hostSideMark = HostSideAllocations.Bytes;
        _allocatedStart = _allocatedMark = GC.GetAllocatedBytesForCurrentThread();
    }

    public void Composed(string component)
    {
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        long held = GC.GetTotalMemory(forceFullCollection: true);
        long hostSide = HostSideAllocations.Bytes;
        _parts.Add(new Part(component, allocated - _allocatedMark, held - _heldMark, hostSide - _hostSideMark));
        _heldMark = held;
        _hostSideMark = hostSide;

        // Collecting allocates nothing on this thread, but reading the figures may: start the next part after them.
        _allocatedMark = GC.GetAllocatedBytesForCurrentThread();
    }

    /// <summary>
    /// Boots <paramref name="config"/> in the feeder emulator (simulated meters, lines and host file stores on a fresh
    /// directory, the same ports as <c>openami emulate</c>) and measures the composition. A first boot in the process
    /// runs once before, unmeasured: it also allocates the libraries' statics and the host runtime's one-time
    /// caches, which on the device belong to assembly loading, not to the composition.
    /// </summary>
    public static CompositionMeter Measure(GatewayConfig config)
    {
        Boot(config, null);
        var meter = new CompositionMeter();
        Boot(config, meter);
        return meter;
    }

    private static void Boot(GatewayConfig config, CompositionMeter? meter)
    {
        var clock = new SimulatedClock(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), 0);
        using var world = new FeederWorld(config, clock, new LineBrokerLink(TextWriter.Null), meter);
    }
}
