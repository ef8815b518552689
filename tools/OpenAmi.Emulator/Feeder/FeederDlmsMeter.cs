using OpenAmi.Dlms.Iec21;
using OpenAmi.Emulator.Dlms;
using OpenAmi.Platform;

namespace OpenAmi.Emulator.Feeder;

/// <summary>
/// An emulated DLMS meter as a device on a <see cref="FeederBus"/> in simulated time: each frame on the wire is
/// handed to the meter's <see cref="MeterStation"/> (the same DLMS server, HDLC secondary station and optical
/// sign-on the real-time emulator uses) and whatever it writes back is the answer. Bytes sent at a speed the
/// meter is not listening at are noise to it (an optical meter hears only 300 Bd 7E1 until mode E switches it).
/// Its clock runs with the world's plus an offset a scenario can jump; a clock write by the gateway sets the offset.
/// </summary>
public sealed class FeederDlmsMeter : IFeederMeter, ITimedBusDevice
{
    private readonly FeederBus _bus;
    private readonly SimulatedClock _clock;
    private readonly AnswerPort _port;
    private TimeSpan _clockOffset;

    public FeederDlmsMeter(FeederBus bus, SimulatedClock clock, MeterProfile profile)
    {
        _bus = bus;
        _clock = clock;
        _port = new AnswerPort(profile.OpticalOnly ? Iec21Session.SignOnBaud : profile.DefaultBaud);
        State = new EmulatedMeterState(profile) { ClockUtc = clock.UtcNow };
        Station = new MeterStation(profile, State, _port);
    }

    public MeterStation Station { get; }

    public EmulatedMeterState State { get; }

    public bool Silent { get; set; }

    public int RequestsSeen { get; private set; }

    /// <summary>The meter's clock minus true time.</summary>
    public TimeSpan ClockOffset => _clockOffset;

    public double LastReplyDelayMs => _port.DelayMs;

    /// <summary>The meter's clock jumps (a flat RTC battery after a power cut, a bad manual setting).</summary>
    public void DriftClock(TimeSpan by) => _clockOffset += by;

    /// <summary>
    /// From now on the meter answers reads of one attribute with <paramref name="value"/> (a hostile or broken meter:
    /// NaN, ∞, an impossible date, a wrong type). False when the meter has no such object.
    /// </summary>
    public bool AnswerWith(OpenAmi.Dlms.Cosem.ObisCode logicalName, int attribute, OpenAmi.Dlms.Axdr.DataValue value)
    {
        var target = State.Model.Objects.FirstOrDefault(o => o.LogicalName == logicalName);
        target?.Attribute(attribute, () => value);
        return target != null;
    }

    public void SetState(double importKWh, double exportKWh, double voltageV, double powerW, double frequencyHz)
    {
        State.EnergyImportWh = (long)Math.Round(importKWh * 1000);
        State.EnergyExportWh = (long)Math.Round(exportKWh * 1000);
        State.VoltageV = voltageV;
        State.PowerW = powerW;
        State.CurrentA = powerW / voltageV;
        State.FrequencyHz = frequencyHz;
        // The meter's profiles capture by its own clock whether or not anyone talks to it.
        State.ClockUtc = _clock.UtcNow + _clockOffset;
        State.RunProfiles();
    }

    public byte[]? Handle(byte[] frame)
    {
        if (Silent || _port.Baud != _bus.Baud)
        {
            return null;
        }

        var now = _clock.UtcNow;
        State.ClockUtc = now + _clockOffset;
        _port.Begin();
        Station.Receive(frame, frame.Length);
        _clockOffset = State.ClockUtc - now;
        var answer = _port.Take();
        if (answer != null)
        {
            RequestsSeen++;
        }

        return answer;
    }

    /// <summary>The meter's side of the line: collects what it writes, notes its speed and how long it waited before answering.</summary>
    private sealed class AnswerPort(int baud) : IByteLink
    {
        private readonly MemoryStream _written = new();

        public int Baud { get; private set; } = baud;

        public double DelayMs { get; private set; }

        public void Begin()
        {
            _written.SetLength(0);
            DelayMs = 0;
        }

        public byte[]? Take() => _written.Length == 0 ? null : _written.ToArray();

        public void Configure(int baudRate, LineFormat format) => Baud = baudRate;

        public void Delay(int milliseconds)
        {
            // Only the wait before the first byte delays the answer; the rest is inside it.
            if (_written.Length == 0)
            {
                DelayMs += milliseconds;
            }
        }

        public void Write(byte[] buffer, int offset, int count) => _written.Write(buffer, offset, count);

        public int Read(byte[] buffer, int offset, int count, int timeoutMs) => 0;

        public void DiscardInput()
        {
        }
    }
}
