using OpenAmi.Dlms.Client;
using OpenAmi.Dlms.Link;
using OpenAmi.Emulator.Bus;
using OpenAmi.Emulator.Dlms;

namespace OpenAmi.Emulator.Tests.Dlms;

/// <summary>A bus with meters and a client endpoint; disposes the meter threads.</summary>
internal sealed class MeterFixture : IDisposable
{
    public MeterFixture(int baud, params MeterProfile[] profiles)
    {
        Bus = new SimulatedBus();
        Meters = profiles.Select(p => new EmulatedMeter(Bus, p with { DefaultBaud = p.OpticalOnly ? p.DefaultBaud : baud })).ToArray();
        Port = Bus.Attach("gateway", profiles.Any(p => p.OpticalOnly) ? 300 : baud, LineFormat.EightNoneOne);
    }

    public SimulatedBus Bus { get; }
    public EmulatedMeter[] Meters { get; }
    public BusEndpoint Port { get; }
    public EmulatedMeter Meter => Meters[0];

    public DlmsClient Client(MeterProfile profile, Action<DlmsClientSettings>? adjust = null, IByteLink? link = null)
    {
        var settings = profile.ClientSettings();
        settings.Hdlc.ResponseTimeoutMs = 400;
        adjust?.Invoke(settings);
        return new DlmsClient(link ?? Port, settings, new HostAesBlockCipher(), new HostRandomSource());
    }

    public void Dispose()
    {
        foreach (var m in Meters)
        {
            m.Dispose();
        }
    }
}
