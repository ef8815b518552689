using System.Collections;
using OpenAmi.Dlms.Axdr;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Polling;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Vmrs;
using OpenAmi.Platform;

namespace OpenAmi.Metering.Tests.Support;

public sealed class ManualClock : IMonotonicClock
{
    public long NowMs { get; set; } = 1_000_000;
}

public sealed class RecordingSink : IMeteringSink
{
    public List<Reading> Readings { get; } = new();
    public List<MeteringEvent> Events { get; } = new();

    public void OnReading(Reading reading) => Readings.Add(reading);

    public void OnEvent(MeteringEvent meteringEvent) => Events.Add(meteringEvent);
}

/// <summary>
/// A COSEM meter at the port level: answers reads from a table of (address, logical name, attribute),
/// can be silenced, records writes, and optionally advances a clock per transaction.
/// </summary>
public sealed class FakeCosemMeters : IMeterReader, IDataMeterReader
{
    private readonly Dictionary<string, Action<MeterValue>> _values = new();
    private readonly Dictionary<string, DataValue> _data = new();
    private readonly Dictionary<int, List<CosemObjectInfo>> _objectLists = new();

    public HashSet<int> Silent { get; } = new();
    public List<(int Address, CosemAttributeRef Target, byte[] Bytes)> Writes { get; } = new();
    public ManualClock? Clock { get; set; }
    public long TransactionMs { get; set; }
    public int Transactions { get; private set; }
    public ReadStatus WriteStatus { get; set; } = ReadStatus.Ok;

    public void Number(int address, string logicalName, int attribute, double value) =>
        _values[Key(address, logicalName, attribute)] = v => v.SetNumber(value);

    public void ScalerUnit(int address, string logicalName, int scaler, int unit) =>
        _values[Key(address, logicalName, 3)] = v => v.SetScalerUnit(scaler, unit);

    public void Bytes(int address, string logicalName, int attribute, byte[] bytes) =>
        _values[Key(address, logicalName, attribute)] = v => v.SetBytes(bytes, 0, bytes.Length);

    public void Boolean(int address, string logicalName, int attribute, bool value) =>
        _values[Key(address, logicalName, attribute)] = v => v.SetBoolean(value);

    /// <summary>A structured attribute (e.g. a profile's capture_objects), handed over only through <see cref="ReadData"/>.</summary>
    public void Data(int address, string logicalName, int attribute, DataValue value) => _data[Key(address, logicalName, attribute)] = value;

    public ReadStatus ReadData(int meterAddress, CosemAttributeRef target, out DataValue value)
    {
        Tick();
        value = null!;
        if (Silent.Contains(meterAddress))
        {
            return ReadStatus.NoResponse;
        }

        return _data.TryGetValue(Key(meterAddress, ObisName.Format(target.LogicalName), target.Attribute), out value!) ? ReadStatus.Ok : ReadStatus.ObjectUndefined;
    }

    public void ObjectList(int address, params (int ClassId, string Name)[] objects) =>
        _objectLists[address] = objects.Select(o => new CosemObjectInfo(o.ClassId, 0, ObisName.Parse(o.Name))).ToList();

    public ReadStatus Read(int meterAddress, CosemAttributeRef target, MeterValue into)
    {
        Tick();
        into.Clear();
        if (Silent.Contains(meterAddress))
        {
            return ReadStatus.NoResponse;
        }

        if (!_values.TryGetValue(Key(meterAddress, ObisName.Format(target.LogicalName), target.Attribute), out var set))
        {
            return ReadStatus.ObjectUndefined;
        }

        set(into);
        return ReadStatus.Ok;
    }

    /// <summary>These fakes stand for meters with neither a supply switch nor a token gateway.</summary>
    public ReadStatus RemoteDisconnect(int meterAddress, byte[] controlLogicalName) => ReadStatus.NotSupported;

    public TokenGatewayAnswer EnterToken(int meterAddress, byte[] token, int offset, int count) => ReadTokenStatus(meterAddress);

    public TokenGatewayAnswer ReadTokenStatus(int meterAddress) => new(ReadStatus.NotSupported, 0, TokenGatewayAnswer.NoTokenResult, false);

    public ReadStatus Write(int meterAddress, CosemAttributeRef target, MeterValue value)
    {
        Tick();
        if (Silent.Contains(meterAddress))
        {
            return ReadStatus.NoResponse;
        }

        Writes.Add((meterAddress, target, value.Bytes.AsSpan(0, value.ByteCount).ToArray()));
        return WriteStatus;
    }

    public ReadStatus ReadObjectList(int meterAddress, ArrayList into)
    {
        Tick();
        if (Silent.Contains(meterAddress))
        {
            return ReadStatus.NoResponse;
        }

        if (!_objectLists.TryGetValue(meterAddress, out var list))
        {
            return ReadStatus.NotSupported;
        }

        foreach (var entry in list)
        {
            into.Add(entry);
        }

        return ReadStatus.Ok;
    }

    private void Tick()
    {
        Transactions++;
        if (Clock != null)
        {
            Clock.NowMs += TransactionMs;
        }
    }

    private static string Key(int address, string logicalName, int attribute) =>
        address + "|" + ObisName.Format(ObisName.Parse(logicalName)) + "|" + attribute;
}
