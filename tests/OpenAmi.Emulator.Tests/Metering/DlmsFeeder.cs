using OpenAmi.Dlms.Link;
using OpenAmi.Emulator.Bus;
using OpenAmi.Emulator.Dlms;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Dlms;
using OpenAmi.Metering.Polling;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Profiles;
using OpenAmi.Platform;

namespace OpenAmi.Emulator.Tests.Metering;

/// <summary>
/// Several vendor-like emulated DLMS meters on one simulated 9600 Bd RS-485 bus and the metering layer's DLMS
/// adapter on the gateway's endpoint. Secrets for the LLS/HLS meters come from the emulator's own profiles.
/// </summary>
internal sealed class DlmsFeeder : IDisposable
{
    public const int Baud = 9600;

    /// <summary>An invented no-security meter (public client) at physical address 18.</summary>
    public static readonly MeterProfile Plain = MeterProfile.Sunbird with
    {
        Name = "plain-18", ServerLower = 18, Authentication = OpenAmi.Dlms.Client.AuthenticationLevel.None, Serial = "PL-000018",
    };

    public DlmsFeeder(params MeterProfile[] profiles)
        : this(link => link, profiles)
    {
    }

    /// <param name="responseTimeoutMs">The reader's response timeout (300 ms otherwise: quick for tests of silent meters).</param>
    public DlmsFeeder(int responseTimeoutMs, params MeterProfile[] profiles)
        : this(link => link, responseTimeoutMs, profiles)
    {
    }

    /// <param name="wrap">Puts a test link between the gateway's reader and its bus endpoint (e.g. one that loses answers).</param>
    public DlmsFeeder(Func<IByteLink, IByteLink> wrap, params MeterProfile[] profiles)
        : this(wrap, 300, profiles)
    {
    }

    private DlmsFeeder(Func<IByteLink, IByteLink> wrap, int responseTimeoutMs, MeterProfile[] profiles)
    {
        Bus = new SimulatedBus();
        Meters = profiles.Select(p => new EmulatedMeter(Bus, p with { DefaultBaud = Baud })).ToArray();
        Port = Bus.Attach("gateway", Baud, LineFormat.EightNoneOne);
        Reader = new DlmsMeterReader(wrap(Port), new DlmsReaderOptions { SystemTitle = Convert.FromHexString("4F414D4743000001"), ResponseTimeoutMs = responseTimeoutMs },
            new Secrets(profiles), new HostAesBlockCipher(), new HostRandomSource());
    }

    public SimulatedBus Bus { get; }
    public EmulatedMeter[] Meters { get; }
    public BusEndpoint Port { get; }
    public DlmsMeterReader Reader { get; }

    /// <summary>Another reader on the gateway's endpoint, as after a gateway restart, keeping counters in <paramref name="counters"/>.</summary>
    public DlmsMeterReader NewReader(IInvocationCounterStore counters) =>
        new(Port, new DlmsReaderOptions { SystemTitle = Convert.FromHexString("4F414D4743000001"), ResponseTimeoutMs = 300, InvocationCounters = counters },
            new Secrets(Meters.Select(m => m.Profile).ToArray()), new HostAesBlockCipher(), new HostRandomSource());

    public EmulatedMeter Meter(MeterProfile profile) => Meters.Single(m => m.Profile.Name == profile.Name);

    /// <summary>The vendor profile JSON an installer would write for an emulated meter (standard names, its own serial/credit objects).</summary>
    public static string ProfileJson(MeterProfile p)
    {
        string auth = p.Authentication switch
        {
            OpenAmi.Dlms.Client.AuthenticationLevel.Low => "low",
            OpenAmi.Dlms.Client.AuthenticationLevel.HighGmac => "high",
            _ => "none",
        };
        string security = p.SecurityPolicy == 0x30 ? "authenticated-encrypted" : "none";
        string secret = auth == "none" && security == "none" ? "" : $@", ""secretRef"": ""{p.Name}""";
        int client = auth == "none" ? 16 : 1;
        return $@"{{
  ""id"": ""{p.Name}"", ""vendor"": ""emulated"", ""protocol"": ""dlms"",
  ""link"": {{ ""medium"": ""rs485"", ""baud"": {Baud} }},
  ""address"": {p.ServerLower},
  ""dlms"": {{ ""client"": {client}, ""logicalDevice"": {p.ServerUpper}, ""authentication"": ""{auth}"", ""security"": ""{security}""{secret} }},
  ""items"": {{
    ""1.8.0"": {{}}, ""2.8.0"": {{}}, ""1.7.0"": {{}}, ""32.7.0"": {{}}, ""14.7.0"": {{}}, ""0.0.1.0.0.255"": {{}},
    ""0.0.96.1.1.255"": {{ ""logicalName"": ""{p.SerialNumber.ToDottedString()}"" }},
    ""96.5.0"": {{}}, ""0.0.96.3.10.255"": {{ ""logicalName"": ""{p.Disconnect.ToDottedString()}"" }}
  }}
}}";
    }

    public static VendorProfile Profile(MeterProfile p)
    {
        var result = ProfileReader.Load(ProfileJson(p));
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Cast<ProfileError>()));
        return result.Profile;
    }

    public void Dispose()
    {
        foreach (var m in Meters)
        {
            m.Dispose();
        }
    }

    private sealed class Secrets : IDlmsSecretStore
    {
        private readonly MeterProfile[] _profiles;

        public Secrets(MeterProfile[] profiles) => _profiles = profiles;

        public DlmsSecret? Find(string secretRef)
        {
            var p = _profiles.FirstOrDefault(x => x.Name == secretRef);
            return p == null ? null : new DlmsSecret { Password = p.Password, BlockCipherKey = p.BlockCipherKey, AuthenticationKey = p.AuthenticationKey };
        }
    }
}

internal sealed class HostMonotonicClock : IMonotonicClock
{
    public long NowMs => Environment.TickCount64;
}

internal sealed class RecordingSink : IMeteringSink
{
    public List<Reading> Readings { get; } = new();
    public List<MeteringEvent> Events { get; } = new();

    public void OnReading(Reading reading)
    {
        lock (Readings)
        {
            Readings.Add(reading);
        }
    }

    public void OnEvent(MeteringEvent meteringEvent) => Events.Add(meteringEvent);
}
