namespace OpenAmi.Emulator.Device;

/// <summary>
/// What this thread allocated inside the emulator's own stand-ins for the board (the simulated buses and the meters
/// answering on them, the host file stores), so a measurement of the gateway's steady state can leave them out: on the
/// device those are UART hardware, other boxes on the pole and the platform's LittleFS adapter. Nested spans count once.
/// </summary>
public static class HostSideAllocations
{
    [ThreadStatic]
    private static int _depth;

    [ThreadStatic]
    private static long _mark;

    [ThreadStatic]
    private static long _bytes;

    /// <summary>Bytes allocated on this thread inside host-side spans so far.</summary>
    public static long Bytes => _bytes;

    /// <summary>Starts a host-side span; disposing the value returned ends it (<c>using var hostSide = HostSideAllocations.Begin();</c>).</summary>
    public static Scope Begin()
    {
        if (_depth++ == 0)
        {
            _mark = GC.GetAllocatedBytesForCurrentThread();
        }

        return default;
    }

    /// <summary>A value type, so beginning and ending a span allocates nothing itself.</summary>
    public readonly struct Scope : IDisposable
    {
        public void Dispose()
        {
            if (--_depth == 0)
            {
                _bytes += GC.GetAllocatedBytesForCurrentThread() - _mark;
            }
        }
    }
}
