using System.Text;
using OpenAmi.Dlms.Axdr;
using OpenAmi.Dlms.Client;
using OpenAmi.Emulator.Bus;
using OpenAmi.Emulator.Dlms;
using OpenAmi.Emulator.Sts;
using OpenAmi.Platform;

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

    /// <summary>
    /// An electricity credit token (class 0 subclass 0) vended by the emulator's STS vending side for the profile's
    /// decoder key, as the 20 ASCII digits the class-115 <c>enter</c> method takes.
    /// </summary>
    public static DataValue VendToken(MeterProfile profile, int tid, long units) =>
        DataValue.FromBytes(DataType.OctetString, Encoding.ASCII.GetBytes(
            StsDecodedToken.Encode(0, 0, 3, tid, StsAmount.FromUnits(units), profile.StsDecoderKey).ToDigits()));

    public void Dispose()
    {
        foreach (var m in Meters)
        {
            m.Dispose();
        }
    }
}
