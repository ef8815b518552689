using System.Text.Json;
using OpenAmi.Dlms.Client;
using OpenAmi.Dlms.Hdlc;
using OpenAmi.Dlms.Security;
using OpenAmi.Platform;

namespace OpenAmi.TestSupport;

/// <summary>One frame of a recorded conversation (format "dlms-hdlc-recording/1").</summary>
public sealed record RecordedFrame(int N, bool FromClient, byte[] Bytes, int? Baud, LineFormat? Format, bool DiscardedByClient);

/// <summary>
/// A recorded conversation between this project's client and an independent DLMS meter, read at test time from
/// the shared interop folder beside the checkout (never copied into the repository).
/// </summary>
public sealed class Recording
{
    private Recording(string name, JsonElement root)
    {
        Name = name;
        Root = root;
        Frames = root.GetProperty("frames").EnumerateArray().Select(ReadFrame).ToArray();
    }

    public string Name { get; }
    public JsonElement Root { get; }
    public RecordedFrame[] Frames { get; }
    public JsonElement Client => Root.GetProperty("client");
    public JsonElement Expect => Root.GetProperty("expect");

    /// <summary>The interop folder: ../shared/interop/dlms relative to the repository root.</summary>
    public static string Folder
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "OpenAmi.Firmware.sln")))
            {
                dir = dir.Parent;
            }

            if (dir?.Parent == null)
            {
                throw new InvalidOperationException("repository root (OpenAmi.Firmware.sln) not found above " + AppContext.BaseDirectory);
            }

            string folder = Path.Combine(dir.Parent.FullName, "shared", "interop", "dlms");
            if (!Directory.Exists(folder))
            {
                // CI checks the recordings out beside the repository; without them the interop tests must not pass.
                throw new InvalidOperationException("DLMS interop recordings missing: expected the folder " + folder +
                                                    " (../shared/interop/dlms beside the repository root)");
            }

            return folder;
        }
    }

    public static Recording Load(string name)
    {
        string path = Path.Combine(Folder, name + ".json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement.Clone();
        Assert.Equal("dlms-hdlc-recording/1", root.GetProperty("format").GetString());
        return new Recording(name, root);
    }

    /// <summary>Client settings exactly as recorded, so that keys, challenge and invocation counters line up.</summary>
    public DlmsClientSettings Settings()
    {
        var c = Client;
        var h = c.GetProperty("hdlc");
        var settings = new DlmsClientSettings
        {
            Hdlc = new HdlcSettings
            {
                Client = HdlcAddress.Client(h.GetProperty("clientAddress").GetInt32()),
                Server = HdlcAddress.Server(h.GetProperty("serverAddressUpper").GetInt32(), h.GetProperty("serverAddressLower").GetInt32(),
                    h.GetProperty("serverAddressSize").GetInt32()),
                MaxInfoTransmit = h.GetProperty("proposedMaxInfoTransmit").GetInt32(),
                MaxInfoReceive = h.GetProperty("proposedMaxInfoReceive").GetInt32(),
                WindowTransmit = h.GetProperty("proposedWindowTransmit").GetInt32(),
                WindowReceive = h.GetProperty("proposedWindowReceive").GetInt32(),
                NegotiateParameters = h.GetProperty("negotiateParameters").GetBoolean(),
                ResponseTimeoutMs = h.GetProperty("responseTimeoutMs").GetInt32(),
                InterFrameTimeoutMs = h.GetProperty("interFrameTimeoutMs").GetInt32(),
                Retries = h.GetProperty("retries").GetInt32(),
            },
            OpticalSignOn = c.GetProperty("opticalSignOn").GetBoolean(),
            DeviceAddress = c.GetProperty("deviceAddress").ValueKind == JsonValueKind.Null ? null : c.GetProperty("deviceAddress").GetString(),
            Authentication = (AuthenticationLevel)c.GetProperty("mechanismId").GetInt32(),
            Password = HexOrNull(c, "passwordHex"),
            SecurityPolicy = (byte)c.GetProperty("securityPolicy").GetInt32(),
            SystemTitle = HexOrNull(c, "systemTitle"),
            BlockCipherKey = HexOrNull(c, "ek"),
            AuthenticationKey = HexOrNull(c, "ak"),
            InvocationCounter = c.GetProperty("invocationCounterStart").GetUInt32(),
            ProposedConformance = Convert.ToUInt32(c.GetProperty("proposedConformance").GetString(), 16),
            MaxReceivePduSize = c.GetProperty("maxReceivePduSize").GetInt32(),
            MaxListItems = c.GetProperty("maxListItems").GetInt32(),
            SendRelease = c.GetProperty("sendRelease").GetBoolean(),
        };
        var challenge = HexOrNull(c, "challengeCtoS");
        if (challenge != null)
        {
            settings.ChallengeLength = challenge.Length;
        }

        return settings;
    }

    /// <summary>The recorded CtoS challenge: the meter's f(CtoS) only verifies against exactly these bytes.</summary>
    public IRandomSource Random() => new FixedRandom(HexOrNull(Client, "challengeCtoS"));

    private static RecordedFrame ReadFrame(JsonElement f)
    {
        int? baud = f.TryGetProperty("baud", out var b) ? b.GetInt32() : null;
        LineFormat? format = f.TryGetProperty("format", out var fm)
            ? fm.GetString() == "7E1" ? LineFormat.SevenEvenOne : LineFormat.EightNoneOne
            : null;
        return new RecordedFrame(f.GetProperty("n").GetInt32(), f.GetProperty("dir").GetString() == "client",
            Convert.FromHexString(f.GetProperty("hex").GetString()!), baud, format,
            f.TryGetProperty("discardedByClient", out var d) && d.GetBoolean());
    }

    private static byte[]? HexOrNull(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? Convert.FromHexString(v.GetString()!) : null;

    private sealed class FixedRandom(byte[]? bytes) : IRandomSource
    {
        public void NextBytes(byte[] buffer, int offset, int count)
        {
            Assert.True(bytes != null && bytes.Length == count, "the recording has no challenge of " + count + " bytes");
            Array.Copy(bytes!, 0, buffer, offset, count);
        }
    }
}
