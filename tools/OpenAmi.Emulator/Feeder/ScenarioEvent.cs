namespace OpenAmi.Emulator.Feeder;

/// <summary>What a scenario can make happen on the simulated feeder (JSON spelling in <see cref="ScenarioEventTypes"/>).</summary>
public enum ScenarioEventType
{
    MeterDown,
    MeterUp,
    Leakage,
    LeakageClear,
    KeypadToken,
    RemoteToken,
    RemoteReconnect,
    BrokerDown,
    BrokerUp,
    Theft,
    ClockDrift,
    GatewayReboot,
    HostileValue,
    GatewayPowerOff,
    GatewayPowerOn,
}

public static class ScenarioEventTypes
{
    /// <summary>JSON names, in enum order.</summary>
    public static readonly string[] Names =
    [
        "meter_down", "meter_up", "leakage", "leakage_clear", "keypad_token", "remote_token", "remote_reconnect",
        "broker_down", "broker_up", "theft", "clock_drift", "gateway_reboot", "hostile_value", "gateway_power_off",
        "gateway_power_on",
    ];

    public static string Name(ScenarioEventType type) => Names[(int)type];

    /// <summary>Members each type requires besides "atS" and "type".</summary>
    public static string[] Required(ScenarioEventType type) => type switch
    {
        ScenarioEventType.MeterDown or ScenarioEventType.MeterUp => ["meter"],
        ScenarioEventType.Leakage => ["line", "waveform", "ma"],
        ScenarioEventType.LeakageClear or ScenarioEventType.RemoteReconnect => ["line"],
        ScenarioEventType.KeypadToken => ["account", "token"],
        ScenarioEventType.RemoteToken => ["meter", "token"],
        ScenarioEventType.Theft => ["meter", "bypassPercent"],
        ScenarioEventType.ClockDrift => ["meter", "driftS"],
        ScenarioEventType.HostileValue => ["meter", "obis", "attribute", "axdr"],
        _ => [],
    };
}

/// <summary>One timed event. Only the members its type uses are set.</summary>
public sealed record ScenarioEvent(
    long AtMs,
    ScenarioEventType Type,
    string? Meter = null,
    string? Line = null,
    string? Waveform = null,
    double Ma = 0,
    string? Account = null,
    string? Token = null,
    double BypassPercent = 0,
    double DriftS = 0,
    OpenAmi.Dlms.Cosem.ObisCode? Obis = null,
    int Attribute = 0,
    OpenAmi.Dlms.Axdr.DataValue? Axdr = null)
{
    public string TypeName => ScenarioEventTypes.Name(Type);
}
