using System.Text;
using OpenAmi.Dlms.Axdr;
using OpenAmi.Dlms.Client;
using OpenAmi.Dlms.Cosem;
using OpenAmi.Dlms.Hdlc;

namespace OpenAmi.Emulator.Dlms;

/// <summary>
/// A vendor-like meter personality: addressing, port, security and where it keeps its serial number, credit
/// and disconnect control. The three built-in profiles are invented (no real vendor's object model is copied);
/// they differ the way real meters differ.
/// </summary>
public sealed record MeterProfile
{
    public required string Name { get; init; }
    public required string Description { get; init; }
    public int ServerUpper { get; init; } = 1;
    public int ServerLower { get; init; } = 17;
    public int ServerAddressSize { get; init; } = 2;
    /// <summary>Only reachable through the optical port (IEC 62056-21 mode E sign-on first).</summary>
    public bool OpticalOnly { get; init; }
    public string OpticalIdentification { get; init; } = "";
    /// <summary>Baud rate character offered in the identification ('5' = 9600).</summary>
    public char OpticalBaudCharacter { get; init; } = '5';
    public int DefaultBaud { get; init; } = 9600;
    public AuthenticationLevel Authentication { get; init; } = AuthenticationLevel.None;
    public byte[] Password { get; init; } = Array.Empty<byte>();
    /// <summary>Security policy the meter insists on (0, 0x10, 0x20, 0x30).</summary>
    public byte SecurityPolicy { get; init; }
    /// <summary>
    /// Protection of the meter's answers when it is stronger than <see cref="SecurityPolicy"/> (meters that
    /// authenticate and encrypt every answer once the initiate request came ciphered); 0 = the policy.
    /// </summary>
    public byte AnswerSecurityPolicy { get; init; }
    /// <summary>
    /// The meter remembers the client's invocation counter across associations (as a meter with one security
    /// setup per key does) and refuses any value it has seen; otherwise each association starts afresh.
    /// </summary>
    public bool KeepsInvocationCounter { get; init; }
    /// <summary>The exact APDU the meter answers a release request with, instead of a well-formed RLRE (a peer's quirk); null = well-formed.</summary>
    public byte[]? ReleaseResponse { get; init; }
    public byte[] SystemTitle { get; init; } = Convert.FromHexString("4F414D0000000000");
    public byte[] BlockCipherKey { get; init; } = Convert.FromHexString("000102030405060708090A0B0C0D0E0F");
    public byte[] AuthenticationKey { get; init; } = Convert.FromHexString("D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF");
    public int MaxInfoLength { get; init; } = 128;
    public int Window { get; init; } = 1;
    public int MaxPduSize { get; init; } = 512;
    public uint Conformance { get; init; } = OpenAmi.Dlms.Apdu.ConformanceBits.ClientDefault;
    public ObisCode SerialNumber { get; init; } = new(0, 0, 96, 1, 1, 255);
    public ObisCode Credit { get; init; } = new(0, 0, 96, 8, 0, 255);
    public ObisCode Disconnect { get; init; } = new(0, 0, 96, 3, 10, 255);
    public ObisCode TokenGateway { get; init; } = new(0, 0, 19, 40, 0, 255);
    public int EnergyScaler { get; init; }
    public int VoltageScaler { get; init; } = -1;
    public int PowerScaler { get; init; }
    public int CurrencyScaler { get; init; } = -2;
    public bool Prepaid { get; init; }
    /// <summary>STS decoder key behind the token gateway of a prepaid profile (tokens arrive as 20 ASCII digits).</summary>
    public ulong StsDecoderKey { get; init; }
    /// <summary>STS manufacturer code of a prepaid profile (2 or 4 digits): class 1 test tokens must carry it.</summary>
    public string? StsManufacturerCode { get; init; }
    public string Serial { get; init; } = "OA00000001";
    /// <summary>IEC 62056-21 programming-mode password (P1) of the optical port.</summary>
    public string ProgrammingPassword { get; init; } = "00000000";

    public HdlcAddress ServerAddress => HdlcAddress.Server(ServerUpper, ServerLower, ServerAddressSize);

    /// <summary>Client settings that open this profile (what an installer would configure).</summary>
    public DlmsClientSettings ClientSettings(byte[]? clientSystemTitle = null) => new()
    {
        Hdlc = new HdlcSettings { Client = HdlcAddress.Client(Authentication == AuthenticationLevel.None ? 16 : 1), Server = ServerAddress },
        OpticalSignOn = OpticalOnly,
        Authentication = Authentication,
        Password = Password,
        SecurityPolicy = SecurityPolicy,
        SystemTitle = clientSystemTitle ?? Convert.FromHexString("4F414D4743000001"),
        BlockCipherKey = BlockCipherKey,
        AuthenticationKey = AuthenticationKey,
    };

    public static readonly MeterProfile Sunbird = new()
    {
        Name = "sunbird-s1",
        Description = "Single-phase RS-485 credit meter: 2-byte HDLC address 1/17, LLS password, no ciphering, 128-byte frames",
        ServerUpper = 1,
        ServerLower = 17,
        ServerAddressSize = 2,
        Authentication = AuthenticationLevel.Low,
        Password = Encoding.ASCII.GetBytes("00000000"),
        EnergyScaler = 0,
        Serial = "SB1-000123",
    };

    public static readonly MeterProfile Kestrel = new()
    {
        Name = "kestrel-p3",
        Description = "RS-485 STS prepayment meter: 4-byte HDLC address 1/0x0123, HLS-GMAC, glo-ciphering (auth+enc), token gateway, 256-byte frames, window 2",
        ServerUpper = 1,
        ServerLower = 0x0123,
        ServerAddressSize = 4,
        Authentication = AuthenticationLevel.HighGmac,
        SecurityPolicy = 0x30,
        SystemTitle = Convert.FromHexString("4B53544C00003039"),
        MaxInfoLength = 256,
        Window = 2,
        MaxPduSize = 1024,
        Credit = new ObisCode(0, 0, 19, 10, 0, 255),
        Disconnect = new ObisCode(0, 0, 96, 3, 10, 255),
        EnergyScaler = 1,
        VoltageScaler = -2,
        PowerScaler = -1,
        Prepaid = true,
        // DKGA02 with the identity of the published NectarAPI/tokens-service test meter (vending key
        // 0abc12def3456789, IIN 600727, DRN 47500150231, KT 0, SGC 000046, TI 01, KRN 1), so its published
        // tokens load on this meter too.
        StsDecoderKey = Sts.DecoderKeyGenerationAlgorithm02.Derive(Convert.FromHexString("0abc12def3456789"), "600727", "47500150231", 0, "000046", "01", 1),
        StsManufacturerCode = "07", // a made-up vendor's code
        Serial = "KP3-2024-0917",
    };

    public static readonly MeterProfile Optiq = new()
    {
        Name = "optiq-e1",
        Description = "Optical-port-only meter: IEC 62056-21 mode E at 300→9600 Bd, 1-byte HDLC address, public client, small 64-byte frames",
        ServerUpper = 1,
        ServerLower = 0,
        ServerAddressSize = 1,
        OpticalOnly = true,
        OpticalIdentification = "OPQ5\\2OPTIQ-E1",
        OpticalBaudCharacter = '5',
        MaxInfoLength = 64,
        MaxPduSize = 256,
        SerialNumber = new ObisCode(0, 0, 96, 1, 0, 255),
        EnergyScaler = -1,
        Serial = "OQ-778899",
    };

    /// <summary>
    /// A meter for the gateway's built-in profile "dlms-generic-single-phase" (standard logical names, public client,
    /// no authentication), with an RS-485 port and an optical port, so a configuration written for real meters
    /// (docs/provisioning/gateway.json) runs in the emulator. The gateway reads it with its own built-in profile.
    /// </summary>
    public static readonly MeterProfile GenericSinglePhase = new()
    {
        Name = "dlms-generic-single-phase",
        Description = "Generic single-phase DLMS meter: standard logical names, public client without authentication, RS-485 at 1/17 and an optical port",
        OpticalIdentification = "GEN5\\2GENERIC-1P",
        Serial = "GEN-000017",
    };

    /// <summary>The invented vendor personalities, whose vendor profiles the emulator supplies to the gateway.</summary>
    public static IReadOnlyList<MeterProfile> All { get; } = new[] { Sunbird, Kestrel, Optiq };

    /// <summary>Every emulated meter: the vendor personalities and the meters of the gateway's built-in DLMS profiles.</summary>
    public static IReadOnlyList<MeterProfile> Emulated { get; } = new[] { Sunbird, Kestrel, Optiq, GenericSinglePhase };

    /// <summary>
    /// The RLRE Gurux's .NET meter server answered a release with in issue 16's interop recordings: the RLRE's
    /// length says 17 and its user-information's 15, but 21 and 16 bytes follow (the inner InitiateResponse itself,
    /// <c>08 00 06 5F1F0400001214 0400 0007</c>, is well formed).
    /// </summary>
    public static readonly byte[] GuruxMalformedRlre = Convert.FromHexString("6311800100BE0F040E0800065F1F040000121404000007");

    /// <summary>Quirks a command-line emulated meter can be given, by the name after a '+' in <c>emulator:profile+quirk</c>.</summary>
    public static IReadOnlyList<string> QuirkNames { get; } = new[] { "malformed-rlre" };

    /// <summary>A profile by name, with quirks appended as <c>+quirk</c> (<see cref="QuirkNames"/>).</summary>
    public static MeterProfile ByNameWithQuirks(string spec)
    {
        string[] parts = spec.Split('+');
        var profile = ByName(parts[0]);
        foreach (string quirk in parts.Skip(1))
        {
            profile = quirk switch
            {
                "malformed-rlre" => profile with { ReleaseResponse = GuruxMalformedRlre },
                _ => throw new ArgumentException($"unknown emulated meter quirk '{quirk}'; known: {string.Join(", ", QuirkNames)}"),
            };
        }

        return profile;
    }

    public static MeterProfile ByName(string name) =>
        Emulated.FirstOrDefault(p => p.Name == name) ??
        throw new ArgumentException($"unknown meter profile '{name}'; known: {string.Join(", ", Emulated.Select(p => p.Name))}");
}
