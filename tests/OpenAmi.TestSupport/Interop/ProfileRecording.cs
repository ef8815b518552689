using System.Text.Json;
using OpenAmi.Dlms.Apdu;
using OpenAmi.Dlms.Client;
using OpenAmi.Dlms.Hdlc;
using OpenAmi.Dlms.Security;

namespace OpenAmi.TestSupport;

/// <summary>
/// One recorded conversation between Gurux.DLMS.Net's client and its meter server about Profile generic objects,
/// read at test time from ../shared/interop/dlms/profiles (that folder's README describes the meter, the format and
/// how every expected row is computed; nothing of it is copied into the repository).
/// </summary>
public sealed class ProfileRecording
{
    private ProfileRecording(string name, JsonElement root)
    {
        Name = name;
        Root = root;
        Frames = root.GetProperty("frames").EnumerateArray()
            .Select(f => (FromClient: f.GetProperty("dir").GetString() == "client", Bytes: Convert.FromHexString(f.GetProperty("hex").GetString()!)))
            .ToArray();
    }

    public string Name { get; }
    public JsonElement Root { get; }
    public (bool FromClient, byte[] Bytes)[] Frames { get; }
    public JsonElement Request => Root.GetProperty("request");
    public JsonElement Expect => Root.GetProperty("expect");
    private JsonElement Params => Root.GetProperty("params");

    public static string Folder => Path.Combine(Recording.Folder, "profiles");

    public static ProfileRecording Load(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, name + ".json")));
        return new ProfileRecording(name, document.RootElement.Clone());
    }

    public bool Hls => Params.TryGetProperty("security", out _);

    /// <summary>The Gurux client's parameters: addresses, proposed HDLC sizes, PDU, conformance and (HLS) keys.</summary>
    public DlmsClientSettings Settings()
    {
        var h = Params.GetProperty("hdlc");
        var proposed = h.GetProperty("proposed");
        var association = Params.GetProperty("association");
        var settings = new DlmsClientSettings
        {
            Hdlc = new HdlcSettings
            {
                Client = HdlcAddress.Client(h.GetProperty("clientAddress").GetInt32()),
                Server = HdlcAddress.Server(h.GetProperty("serverLogical").GetInt32(), h.GetProperty("serverPhysical").GetInt32(),
                    h.GetProperty("serverAddressSize").GetInt32()),
                MaxInfoTransmit = proposed.GetProperty("maxInfoTx").GetInt32(),
                MaxInfoReceive = proposed.GetProperty("maxInfoRx").GetInt32(),
                WindowTransmit = proposed.GetProperty("windowTx").GetInt32(),
                WindowReceive = proposed.GetProperty("windowRx").GetInt32(),
            },
            ProposedConformance = Convert.ToUInt32(association.GetProperty("proposedConformance").GetProperty("hex").GetString(), 16),
            MaxReceivePduSize = association.GetProperty("proposedMaxPdu").GetInt32(),
        };
        if (Hls)
        {
            var s = Params.GetProperty("security");
            settings.Authentication = AuthenticationLevel.HighGmac;
            settings.SecurityPolicy = SecurityControl.AuthenticatedEncrypted;
            settings.Ciphering = CipheringMode.Global;
            settings.SystemTitle = ClientSystemTitle;
            settings.BlockCipherKey = Hex(s, "blockCipherKey");
            settings.AuthenticationKey = Hex(s, "authenticationKey");
            settings.InvocationCounter = s.GetProperty("clientInvocationCounterFirst").GetUInt32();
            settings.ChallengeLength = Hex(s, "clientChallengeCtoS").Length;
        }

        return settings;
    }

    public IRandomSource Random() => new FixedRandom(Hls ? Hex(Params.GetProperty("security"), "clientChallengeCtoS") : null);

    public byte[] ClientSystemTitle => Hex(Params.GetProperty("security"), "clientSystemTitle");
    public byte[] MeterSystemTitle => Hex(Params.GetProperty("security"), "meterSystemTitle");
    public byte[] BlockCipherKey => Hex(Params.GetProperty("security"), "blockCipherKey");
    public byte[] AuthenticationKey => Hex(Params.GetProperty("security"), "authenticationKey");

    private static byte[] Hex(JsonElement e, string name) => Convert.FromHexString(e.GetProperty(name).GetString()!);

    private sealed class FixedRandom(byte[]? bytes) : IRandomSource
    {
        public void NextBytes(byte[] buffer, int offset, int count)
        {
            Assert.True(bytes != null && bytes.Length == count, "the recording has no challenge of " + count + " bytes");
            Array.Copy(bytes!, 0, buffer, offset, count);
        }
    }
}
