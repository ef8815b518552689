using OpenAmi.Dlms.Apdu;
using OpenAmi.Dlms.Axdr;
using OpenAmi.Dlms.Cosem;
using OpenAmi.Emulator.Sts;
using OpenAmi.Prepaid.Ports;
using OpenAmi.Prepaid.Sts;

namespace OpenAmi.Emulator.Dlms;

/// <summary>
/// The physical quantities behind an emulated meter and the COSEM object model exposing them per its profile:
/// Data (1), Register (3), Extended register (4), Clock (8), Association LN (15), Disconnect control (70)
/// and Token gateway (115), whose tokens an <see cref="StsMeterModel"/> decodes.
/// </summary>
public sealed class EmulatedMeterState
{
    private readonly object _gate = new();
    private DateTime _clockUtc = new(2026, 1, 15, 10, 30, 0, DateTimeKind.Utc);
    private bool _profilesRunning;

    public EmulatedMeterState(MeterProfile profile)
    {
        Profile = profile;
        if (profile.Prepaid)
        {
            StsMeter = new StsMeterModel(profile.Serial, profile.StsDecoderKey, StsTokenEncoding.Ascii20, profile.StsManufacturerCode ?? "");
        }

        Model = Build();
    }

    /// <summary>The meter's personality; a test may swap in a variant with a quirk mid-run (the server reads it per request).</summary>
    public MeterProfile Profile { get; set; }
    public CosemObjectModel Model { get; }
    public long EnergyImportWh { get; set; } = 1_234_567;
    public long EnergyExportWh { get; set; } = 4_321;
    public double PowerW { get; set; } = 415.5;
    public double VoltageV { get; set; } = 229.7;
    public double FrequencyHz { get; set; } = 50.02;
    public double CurrentA { get; set; } = 1.87;
    /// <summary>Prepaid balance in currency units.</summary>
    public double Credit { get; set; } = 125.50;
    public bool RelayConnected { get; set; } = true;
    public int ControlState => RelayConnected ? (int)DisconnectControlState.Connected : (int)DisconnectControlState.Disconnected;
    public List<byte[]> AcceptedTokens { get; } = new();
    /// <summary>The STS decoder behind the token gateway (prepaid profiles only).</summary>
    public StsMeterModel? StsMeter { get; }
    /// <summary>What the STS decoder answered to the last token entered, if any.</summary>
    public TokenDeliveryStatus? LastTokenStatus { get; private set; }
    /// <summary>The meter's clock; while the profiles run, moving it forward captures their rows.</summary>
    public DateTime ClockUtc
    {
        get => _clockUtc;
        set
        {
            _clockUtc = value;
            if (_profilesRunning)
            {
                LoadProfile.Advance(value);
                BillingProfile.Advance(value);
            }
        }
    }

    /// <summary>15-minute load profile 1.0.99.1.0.255: clock, +A, −A, voltage, power.</summary>
    public EmulatedProfile LoadProfile { get; private set; } = null!;
    /// <summary>Daily billing profile 0.0.98.1.0.255 (captured at midnight meter time): clock, +A, −A.</summary>
    public EmulatedProfile BillingProfile { get; private set; } = null!;

    /// <summary>
    /// Starts the profiles at the present clock, their history up to capacity extrapolated back from the present
    /// registers at the present power; the first read of a profile starts them too. Idempotent.
    /// </summary>
    public void RunProfiles()
    {
        if (!_profilesRunning)
        {
            _profilesRunning = true;
            ClockUtc = _clockUtc;
        }
    }
    public uint BillingPeriods { get; set; } = 7;
    public int StatusWord { get; set; }

    private CosemObjectModel Build()
    {
        var p = Profile;
        var m = new CosemObjectModel();
        m.Add(new CosemObject(CosemClass.Data, p.SerialNumber)).Stored(2, DataValue.FromString(p.Serial));
        m.Add(new CosemObject(CosemClass.Data, new ObisCode(0, 0, 0, 1, 0, 255)))
            .Attribute(2, () => DataValue.FromInteger(DataType.DoubleLongUnsigned, BillingPeriods));
        m.Add(new CosemObject(CosemClass.Data, new ObisCode(0, 0, 96, 5, 0, 255)))
            .Attribute(2, () => DataValue.FromInteger(DataType.LongUnsigned, StatusWord));
        Register(m, new ObisCode(1, 0, 1, 8, 0, 255), p.EnergyScaler, Units.WattHour, () => EnergyImportWh, DataType.DoubleLongUnsigned);
        Register(m, new ObisCode(1, 0, 2, 8, 0, 255), p.EnergyScaler, Units.WattHour, () => EnergyExportWh, DataType.DoubleLongUnsigned);
        Register(m, new ObisCode(1, 0, 1, 7, 0, 255), p.PowerScaler, Units.Watt, () => PowerW, DataType.DoubleLong);
        Register(m, new ObisCode(1, 0, 32, 7, 0, 255), p.VoltageScaler, Units.Volt, () => VoltageV, DataType.LongUnsigned);
        Register(m, new ObisCode(1, 0, 31, 7, 0, 255), -2, Units.Ampere, () => CurrentA, DataType.LongUnsigned);
        Register(m, new ObisCode(1, 0, 14, 7, 0, 255), -2, Units.Hertz, () => FrequencyHz, DataType.LongUnsigned);
        // Maximum demand as an Extended register (class 4): value, scaler_unit, status, capture_time.
        var demand = new ObisCode(1, 0, 1, 6, 0, 255);
        m.Add(new CosemObject(CosemClass.ExtendedRegister, demand))
            .Attribute(2, () => DataValue.FromInteger(DataType.DoubleLongUnsigned, 2350))
            .Attribute(3, () => new ScalerUnit(0, Units.Watt).ToData())
            .Attribute(4, () => DataValue.FromInteger(DataType.Unsigned, 0))
            .Attribute(5, () => DataValue.FromBytes(DataType.OctetString, CosemDateTime.FromUtc(new DateTime(2026, 1, 3, 18, 15, 0)).ToBytes()));
        m.Add(new CosemObject(CosemClass.Clock, CosemClass.ClockObject))
            .Attribute(2, () => DataValue.FromBytes(DataType.OctetString, CosemDateTime.FromUtc(ClockUtc).ToBytes()), v =>
            {
                if (v.Type != DataType.OctetString || v.AsBytes().Length != 12)
                {
                    return AccessResult.TypeUnmatched;
                }

                if (!CosemDateTime.Parse(v.AsBytes()).TryToUtc(out var t))
                {
                    return AccessResult.OtherReason;
                }

                ClockUtc = t;
                return AccessResult.Success;
            })
            .Attribute(3, () => DataValue.FromInteger(DataType.Long, 0))
            .Attribute(4, () => DataValue.FromInteger(DataType.Unsigned, 0));
        m.Add(new CosemObject(CosemClass.DisconnectControl, p.Disconnect))
            .Attribute(2, () => DataValue.FromBoolean(RelayConnected))
            .Attribute(3, () => DataValue.FromInteger(DataType.Enum, ControlState))
            .Stored(4, DataValue.FromInteger(DataType.Enum, 4), writable: true)
            .Method(CosemClass.RemoteDisconnect, _ => { lock (_gate) { RelayConnected = false; } return MethodOutcome.Success(); })
            .Method(CosemClass.RemoteReconnect, _ => { lock (_gate) { RelayConnected = true; } return MethodOutcome.Success(); });
        // Credit amount as a Register in currency (class 3), where this vendor keeps it.
        Register(m, p.Credit, p.CurrencyScaler, Units.Currency, () => Credit, DataType.DoubleLong);
        m.Add(new CosemObject(CosemClass.Data, new ObisCode(0, 0, 96, 11, 5, 255)))
            .Attribute(2, () => DataValue.FromInteger(DataType.LongUnsigned, AcceptedTokens.Count));
        if (p.Prepaid)
        {
            m.Add(new CosemObject(CosemClass.TokenGateway, p.TokenGateway))
                .Attribute(2, () => DataValue.FromBytes(DataType.OctetString, AcceptedTokens.Count == 0 ? Array.Empty<byte>() : AcceptedTokens[^1]))
                .Attribute(6, () => DataValue.FromStructure(new[]
                {
                    DataValue.FromInteger(DataType.Enum, TokenStatusCode()),
                    DataValue.FromBitString(new byte[] { (byte)StsResult() }, 8),
                }))
                .Method(CosemClass.TokenEnter, EnterToken);
        }

        AddProfiles(m, p);
        // A free writable octet string (manufacturer-specific LN) for configuration writes of any size.
        m.Add(new CosemObject(CosemClass.Data, new ObisCode(0, 128, 96, 0, 0, 255))).Stored(2, DataValue.FromBytes(DataType.OctetString, Array.Empty<byte>()), writable: true);
        var association = m.Add(new CosemObject(CosemClass.AssociationLn, CosemClass.CurrentAssociation) { Version = 1 });
        association.Attribute(2, () => m.ObjectList());
        return m;
    }

    private void AddProfiles(CosemObjectModel m, MeterProfile p)
    {
        CaptureObject Column(ObisCode ln) => new(CosemClass.Register, ln, CosemClass.Value, 0);
        var import = new ObisCode(1, 0, 1, 8, 0, 255);
        var export = new ObisCode(1, 0, 2, 8, 0, 255);
        LoadProfile = new EmulatedProfile(new ObisCode(1, 0, 99, 1, 0, 255), 900, 960,
            new[] { CaptureObject.ClockTime(), Column(import), Column(export), Column(new ObisCode(1, 0, 32, 7, 0, 255)), Column(new ObisCode(1, 0, 1, 7, 0, 255)) },
            t => new[]
            {
                Raw(p.EnergyScaler, Units.WattHour, EnergyAt(EnergyImportWh, t), DataType.DoubleLongUnsigned),
                Raw(p.EnergyScaler, Units.WattHour, EnergyExportWh, DataType.DoubleLongUnsigned),
                Raw(p.VoltageScaler, Units.Volt, VoltageV, DataType.LongUnsigned),
                Raw(p.PowerScaler, Units.Watt, PowerW, DataType.DoubleLong),
            });
        BillingProfile = new EmulatedProfile(new ObisCode(0, 0, 98, 1, 0, 255), 86400, 60,
            new[] { CaptureObject.ClockTime(), Column(import), Column(export) },
            t => new[]
            {
                Raw(p.EnergyScaler, Units.WattHour, EnergyAt(EnergyImportWh, t), DataType.DoubleLongUnsigned),
                Raw(p.EnergyScaler, Units.WattHour, EnergyExportWh, DataType.DoubleLongUnsigned),
            });
        m.Add(LoadProfile.ToObject(RunProfiles));
        m.Add(BillingProfile.ToObject(RunProfiles));
    }

    /// <summary>The import register at an instant before the clock, at the present power (the capture of a boundary the clock passed).</summary>
    private double EnergyAt(double nowWh, DateTime t) => Math.Max(0, nowWh - PowerW * Math.Max(0, (_clockUtc - t).TotalHours));

    private static DataValue Raw(int scaler, int unit, double physical, DataType type) =>
        DataValue.FromInteger(type, (long)Math.Round(new ScalerUnit(-scaler, unit).Apply(physical)));

    /// <summary>
    /// Token gateway enter(token): the STS meter model decodes the token (EA07 with the profile's decoder key,
    /// CRC, token memory); an accepted electricity credit token adds its amount (0.1 kWh units) to the credit
    /// register. Any refusal is answered other-reason; token_status tells which.
    /// </summary>
    private MethodOutcome EnterToken(DataValue? token)
    {
        if (token is null || token.Type != DataType.OctetString)
        {
            return new MethodOutcome(AccessResult.TypeUnmatched, null);
        }

        var bytes = token.AsBytes();
        lock (_gate)
        {
            long before = StsMeter!.CreditUnits;
            var status = StsMeter.Enter(bytes);
            LastTokenStatus = status;
            if (status != TokenDeliveryStatus.Accepted)
            {
                return new MethodOutcome(AccessResult.OtherReason, null);
            }

            AcceptedTokens.Add(bytes);
            Credit += (StsMeter.CreditUnits - before) / 10.0;
        }

        return MethodOutcome.Success();
    }

    /// <summary>
    /// token_status status_code (DLMS Blue Book IC 115; the codes <see cref="TokenGatewayStatusCodes"/> reads):
    /// 0 before any token, 3 executed, 4 format (a class 1 CRC error), 5 authentication, 6 validation (used, old,
    /// another manufacturer's test token), 7 execution failure.
    /// </summary>
    private int TokenStatusCode() => LastTokenStatus switch
    {
        null => 0,
        TokenDeliveryStatus.Accepted => 3,
        TokenDeliveryStatus.FormatFailure or TokenDeliveryStatus.CrcError => 4,
        TokenDeliveryStatus.AuthenticationFailure => 5,
        TokenDeliveryStatus.Used or TokenDeliveryStatus.Old or TokenDeliveryStatus.ValidationFailure or TokenDeliveryStatus.ManufacturerCodeError => 6,
        _ => 7,
    };

    /// <summary>
    /// token_status data_value: the meter's STS token result (<see cref="StsTokenResult"/>), 8 bits. A token for
    /// another key fails the CRC of the decrypted block, which an STS meter reports as a CRC error.
    /// </summary>
    private int StsResult() => LastTokenStatus switch
    {
        null => StsTokenResult.None,
        TokenDeliveryStatus.Accepted => StsTokenResult.Accept,
        TokenDeliveryStatus.FormatFailure => StsTokenResult.FormatError,
        TokenDeliveryStatus.AuthenticationFailure or TokenDeliveryStatus.CrcError => StsTokenResult.CrcError,
        TokenDeliveryStatus.Used => StsTokenResult.UsedError,
        TokenDeliveryStatus.Old => StsTokenResult.OldError,
        TokenDeliveryStatus.ManufacturerCodeError => StsTokenResult.ManufacturerCodeError,
        _ => StsTokenResult.FunctionError,
    };

    private static void Register(CosemObjectModel m, ObisCode ln, int scaler, int unit, Func<double> physical, DataType type)
    {
        var su = new ScalerUnit(scaler, unit);
        m.Add(new CosemObject(CosemClass.Register, ln))
            .Attribute(2, () => Raw(scaler, unit, physical(), type))
            .Attribute(3, () => su.ToData());
    }

    private static void Register(CosemObjectModel m, ObisCode ln, int scaler, int unit, Func<long> physical, DataType type) =>
        Register(m, ln, scaler, unit, () => (double)physical(), type);
}
