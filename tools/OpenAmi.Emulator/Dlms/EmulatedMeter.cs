using OpenAmi.Dlms.Iec21;
using OpenAmi.Emulator.Bus;
using OpenAmi.Platform;

namespace OpenAmi.Emulator.Dlms;

/// <summary>
/// A meter on a real-time <see cref="SimulatedBus"/>: its own thread listens on its endpoint and hands what it
/// hears to the meter's <see cref="MeterStation"/> (the DLMS server of its <see cref="MeterProfile"/>, with the
/// optical sign-on for optical meters), which answers on the same endpoint.
/// </summary>
public sealed class EmulatedMeter : IDisposable
{
    private readonly BusEndpoint _port;
    private readonly MeterStation _station;
    private readonly Thread _thread;
    private readonly CancellationTokenSource _stop = new();

    public EmulatedMeter(SimulatedBus bus, MeterProfile profile)
    {
        _port = bus.Attach(profile.Name, profile.OpticalOnly ? Iec21Session.SignOnBaud : profile.DefaultBaud,
            profile.OpticalOnly ? LineFormat.SevenEvenOne : LineFormat.EightNoneOne);
        _station = new MeterStation(profile, new EmulatedMeterState(profile), _port);
        _thread = new Thread(Run) { IsBackground = true, Name = "meter " + profile.Name };
        _thread.Start();
    }

    public MeterProfile Profile => _station.Profile;
    public EmulatedMeterState State => _station.State;
    public FaultPlan Faults => _station.Faults;
    /// <summary>Turnaround before answering (real meters need a few ms).</summary>
    public int TurnaroundMs { get => _station.TurnaroundMs; set => _station.TurnaroundMs = value; }
    public int FramesReceived => _station.FramesReceived;
    public int BadFramesReceived => _station.BadFramesReceived;
    public DlmsServer Server => _station.Server;

    /// <summary>Mode C data message: STX data sets "!" CR LF ETX BCC.</summary>
    public byte[] ReadoutMessage() => _station.ReadoutMessage();

    private void Run()
    {
        var buffer = new byte[4096];
        while (!_stop.IsCancellationRequested)
        {
            int n = _port.Read(buffer, 0, buffer.Length, 50);
            if (n > 0)
            {
                _station.Receive(buffer, n);
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join(2000);
        _stop.Dispose();
    }
}
