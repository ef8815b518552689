using System.Text.Json.Nodes;
using OpenAmi.Dlms;
using OpenAmi.Dlms.Client;
using OpenAmi.Dlms.Cosem;
using OpenAmi.Dlms.Link;
using OpenAmi.Emulator.Bus;
using OpenAmi.Emulator.Dlms;
using OpenAmi.Emulator.Net;
using OpenAmi.Platform;

namespace OpenAmi.Cli.Dlms;

/// <summary>`openami dlms read`: open one meter, read the requested attributes (scaled when they are registers), close.</summary>
public static class MeterReader
{
    public sealed record Request(string Port, bool Optical, int Client, HdlcServer Server, string Auth, string? Password,
        byte[]? Ek, byte[]? Ak, byte[]? SystemTitle, byte Policy, int Baud, IReadOnlyList<AttributeReference> Attributes,
        uint? InvocationCounter = null, ProfileRead? Profile = null, bool Trace = false);

    public sealed record HdlcServer(int Upper, int Lower, int Size);

    /// <summary>"U", "U:L" or "U:L:size" (size 1, 2 or 4 bytes; default the smallest that fits).</summary>
    public static HdlcServer ParseServer(string text)
    {
        var parts = text.Split(':');
        if (parts.Length is < 1 or > 3 || !parts.All(p => int.TryParse(p, out _)))
        {
            throw new DlmsException(DlmsErrorCode.InvalidArgument, $"--server must be upper[:lower[:size]], got '{text}'");
        }

        int upper = int.Parse(parts[0]);
        int lower = parts.Length > 1 ? int.Parse(parts[1]) : 0;
        int size = parts.Length > 2 ? int.Parse(parts[2]) : parts.Length == 1 ? 1 : 0;
        var address = OpenAmi.Dlms.Hdlc.HdlcAddress.Server(upper, lower, size);
        return new HdlcServer(address.Upper, address.Lower, address.Size);
    }

    /// <summary>"obis[:attribute]" (class from <paramref name="defaultClass"/>) or "class/obis/attribute".</summary>
    public static AttributeReference ParseAttribute(string text, ushort defaultClass)
    {
        if (text.Contains('/'))
        {
            return AttributeReference.Parse(text);
        }

        int colon = text.LastIndexOf(':');
        // "1-0:1.8.0*255" has a colon of its own: an attribute suffix is digits only after the last colon.
        if (colon > 0 && text[(colon + 1)..].All(char.IsAsciiDigit) && !text[(colon + 1)..].Contains('.') && text.IndexOf('-') < 0)
        {
            return new AttributeReference(defaultClass, ObisCode.Parse(text[..colon]), int.Parse(text[(colon + 1)..]));
        }

        return new AttributeReference(defaultClass, ObisCode.Parse(text), 2);
    }

    /// <summary>IEC 62056-21 mode C: sign-on and data readout (meters that speak nothing else).</summary>
    public static JsonObject Readout(string port, string? deviceAddress, int maxBaud)
    {
        using var resources = new Resources();
        IByteLink link = OpenLink(port, resources, optical: true, baud: 300);
        var session = new OpenAmi.Dlms.Iec21.Iec21Session(link) { MaxBaudRate = maxBaud };
        var identification = session.SignOn(deviceAddress);
        var message = session.ReadOut(identification);
        var json = DlmsJson.DataMessage(message);
        json["identification"] = DlmsJson.Identification(identification);
        return new JsonObject { ["iec21"] = json };
    }

    /// <summary>
    /// IEC 62056-21 mode C programming mode for meters that speak nothing else: sign-on, ACK 0 Z 1, the P1 password,
    /// R1 of each named register, B0.
    /// </summary>
    public static JsonObject ReadProgramming(string port, string? deviceAddress, int maxBaud, string password, IReadOnlyList<string> registers)
    {
        using var resources = new Resources();
        IByteLink link = OpenLink(port, resources, optical: true, baud: 300);
        var session = new OpenAmi.Dlms.Iec21.Iec21Session(link) { MaxBaudRate = maxBaud };
        var identification = session.SignOn(deviceAddress);
        var operand = session.EnterProgramming(identification);
        var sets = new JsonArray();
        try
        {
            session.SendPassword(password);
            foreach (var register in registers)
            {
                var set = session.ReadRegister(register);
                sets.Add(new JsonObject { ["address"] = register, ["value"] = set.Value, ["unit"] = set.Unit });
            }
        }
        finally
        {
            session.Break();
        }

        return new JsonObject
        {
            ["iec21"] = new JsonObject
            {
                ["kind"] = "programming",
                ["identification"] = DlmsJson.Identification(identification),
                ["operand"] = operand.Data,
                ["dataSets"] = sets,
            },
        };
    }

    /// <summary>
    /// A serial device through stty, "emulator:profile[+quirk]" on a simulated bus, "tcp://host:port" (HDLC through a TCP
    /// serial server) or "wrapper://host[:port]" (the IEC 62056-47 wrapper, port 4059 by default).
    /// </summary>
    internal static IByteLink OpenLink(string port, Resources resources, bool optical, int baud)
    {
        if (IsNetwork(port, out string endpoint, out bool wrapper))
        {
            if (optical)
            {
                throw new DlmsException(DlmsErrorCode.InvalidArgument, "an optical head is a serial device, not " + port);
            }

            var (host, tcpPort) = TcpByteLink.ParseEndpoint(endpoint, wrapper ? WrapperCodec.DefaultTcpPort : 0);
            var tcp = new TcpByteLink(host, tcpPort);
            resources.Add(tcp);
            return tcp;
        }

        if (port.StartsWith("emulator:", StringComparison.Ordinal))
        {
            var profile = MeterProfile.ByNameWithQuirks(port["emulator:".Length..]);
            var bus = new SimulatedBus();
            resources.Add(new EmulatedMeter(bus, profile));
            return bus.Attach("cli", profile.OpticalOnly ? 300 : profile.DefaultBaud);
        }

        var serial = new SttySerialLink(port, baud, optical ? LineFormat.SevenEvenOne : LineFormat.EightNoneOne);
        resources.Add(serial);
        return optical ? new EchoSuppressingLink(serial, 2100, 100) : serial;
    }

    private static bool IsNetwork(string port, out string endpoint, out bool wrapper)
    {
        wrapper = port.StartsWith("wrapper://", StringComparison.Ordinal);
        bool tcp = port.StartsWith("tcp://", StringComparison.Ordinal);
        endpoint = wrapper || tcp ? port[(port.IndexOf("://", StringComparison.Ordinal) + 3)..] : "";
        return wrapper || tcp;
    }

    public static JsonObject Run(Request request)
    {
        using var resources = new Resources();
        IByteLink link = OpenLink(request.Port, resources, request.Optical, request.Optical ? 300 : request.Baud);
        if (request.Trace)
        {
            var trace = new FrameTrace(link, Console.Error);
            resources.Add(trace);
            link = trace;
        }

        // An emulated meter gets the options as given, like a real one: it answers, refuses or stays silent as a meter would.
        var settings = new DlmsClientSettings();
        settings.Hdlc.Client = OpenAmi.Dlms.Hdlc.HdlcAddress.Client(request.Client);
        settings.Hdlc.Server = new OpenAmi.Dlms.Hdlc.HdlcAddress(request.Server.Upper, request.Server.Lower, request.Server.Size);
        settings.OpticalSignOn = request.Optical;
        if (IsNetwork(request.Port, out _, out bool wrapper) && wrapper)
        {
            settings.Transport = DlmsTransport.Wrapper;
            settings.Wrapper.ClientPort = request.Client;
            settings.Wrapper.ServerPort = request.Server.Upper;
        }

        settings.Authentication = request.Auth switch
        {
            "none" => AuthenticationLevel.None,
            "low" => AuthenticationLevel.Low,
            "high" => AuthenticationLevel.HighGmac,
            _ => throw new DlmsException(DlmsErrorCode.InvalidArgument, "--auth must be none, low or high"),
        };
        settings.Password = request.Password == null ? null : System.Text.Encoding.ASCII.GetBytes(request.Password);
        settings.SecurityPolicy = request.Policy;
        settings.BlockCipherKey = request.Ek;
        settings.AuthenticationKey = request.Ak;
        settings.SystemTitle = request.SystemTitle ?? (request.Policy != 0 || settings.Authentication == AuthenticationLevel.HighGmac
            ? Convert.FromHexString("4F414D434C490001") : null);

        var aes = new HostAesBlockCipher();
        resources.Add(aes);
        bool counts = settings.SecurityPolicy != 0 || settings.Authentication == AuthenticationLevel.HighGmac;
        var counters = InvocationCounterStore.Default();
        string key = InvocationCounterStore.Key(request.Port, settings.Hdlc.Server, settings.Hdlc.Client.Upper, settings.SystemTitle);
        if (counts)
        {
            settings.InvocationCounter = request.InvocationCounter ?? counters.Load(key) ?? 0;
        }

        var client = new DlmsClient(link, settings, settings.BlockCipherKey == null ? null : aes, new HostRandomSource());
        var warnings = new JsonArray();
        client.Warning += (_, _, warning) => warnings.Add(warning);
        var readings = new JsonArray();
        JsonObject? profile = null;
        try
        {
            Open(client, request, settings);
            profile = request.Profile?.Read(client);
            var results = client.GetMany(request.Attributes.ToArray());
            for (int i = 0; i < results.Length; i++)
            {
                var reference = request.Attributes[i];
                var json = new JsonObject
                {
                    ["classId"] = reference.ClassId,
                    ["obis"] = reference.LogicalName.ToDottedString(),
                    ["attribute"] = reference.Attribute,
                };
                if (results[i].Success)
                {
                    json["result"] = DlmsJson.Data(results[i].Value);
                    if (reference.Attribute == 2 && reference.ClassId is CosemClass.Register or CosemClass.ExtendedRegister && results[i].Value.IsInteger)
                    {
                        var su = ScalerUnit.FromData(client.Get(reference.ClassId, reference.LogicalName, CosemClass.ScalerUnit));
                        json["scaled"] = new JsonObject { ["value"] = su.Apply(results[i].Value.AsDouble()), ["unit"] = Units.Symbol(su.Unit) };
                    }
                }
                else
                {
                    json["error"] = new JsonObject
                    {
                        ["accessResult"] = OpenAmi.Dlms.Apdu.AccessResult.Name(results[i].AccessResult),
                        ["code"] = results[i].AccessResult,
                    };
                }

                readings.Add(json);
            }
        }
        finally
        {
            if (client.IsOpen)
            {
                client.Close();
            }

            // Every counter value sent is spent, whether or not the meter accepted it.
            if (counts)
            {
                counters.Save(key, settings.InvocationCounter);
            }
        }

        var meter = new JsonObject
        {
            ["port"] = request.Port,
            ["server"] = new JsonObject { ["upper"] = settings.Hdlc.Server.Upper, ["lower"] = settings.Hdlc.Server.Lower, ["size"] = settings.Hdlc.Server.Size },
            ["maxPduSize"] = client.Negotiated.MaxReceivePduSize,
            ["conformance"] = client.Negotiated.Conformance.ToString("X6"),
        };
        if (client.Identification != null)
        {
            meter["identification"] = DlmsJson.Identification(client.Identification);
        }

        var document = new JsonObject { ["meter"] = meter, ["readings"] = readings };
        if (profile != null)
        {
            document["profile"] = profile;
        }

        if (warnings.Count > 0)
        {
            document["warnings"] = warnings;
        }

        return document;
    }

    /// <summary>A silent line says what was tried and what to check, not only that nothing answered.</summary>
    private static void Open(DlmsClient client, Request request, DlmsClientSettings settings)
    {
        try
        {
            client.Open();
        }
        catch (DlmsException e) when (e.Code == DlmsErrorCode.Timeout && settings.Transport == DlmsTransport.Hdlc && !client.IsOpen)
        {
            var hdlc = settings.Hdlc;
            string line = IsNetwork(request.Port, out _, out _) ? "through the TCP serial server (its line speed is set on the server)"
                : request.Optical ? $"after an IEC 62056-21 mode E sign-on at 300 Bd" : $"at {request.Baud} Bd 8N1";
            throw new DlmsException(DlmsErrorCode.Timeout,
                $"{e.Message}: tried client {hdlc.Client.Upper} -> server {hdlc.Server.Upper}:{hdlc.Server.Lower} on {request.Port} {line}, "
                + $"{hdlc.Retries + 1} attempts of {hdlc.ResponseTimeoutMs} ms; check the wiring (A/B, 120 ohm termination, the adapter's direction control), "
                + "--baud (meters ship at 9600 or 2400 Bd), --server (lower address often 17, or derived from the serial number), "
                + "--client (16 public, 1 management); --trace shows the frames");
        }
    }

    /// <summary>What a command opened, closed in reverse order.</summary>
    internal sealed class Resources : IDisposable
    {
        private readonly List<IDisposable> _items = new();

        public void Add(IDisposable item) => _items.Add(item);

        public void Dispose()
        {
            for (int i = _items.Count - 1; i >= 0; i--)
            {
                _items[i].Dispose();
            }
        }
    }
}
