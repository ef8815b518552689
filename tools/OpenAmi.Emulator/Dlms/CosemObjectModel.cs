using OpenAmi.Dlms.Apdu;
using OpenAmi.Dlms.Axdr;
using OpenAmi.Dlms.Cosem;

namespace OpenAmi.Emulator.Dlms;

/// <summary>The outcome of a method invocation on an emulated object.</summary>
public sealed record MethodOutcome(int Result, DataValue? ReturnData)
{
    public static MethodOutcome Success(DataValue? data = null) => new(AccessResult.Success, data);
}

/// <summary>One COSEM object of an emulated meter: attribute getters/setters and method handlers.</summary>
public sealed class CosemObject
{
    private readonly Dictionary<int, Func<DataValue>> _getters = new();
    private readonly Dictionary<int, Func<DataValue, int>> _setters = new();
    private readonly Dictionary<int, Func<DataValue?, MethodOutcome>> _methods = new();
    private readonly Dictionary<int, Func<int, DataValue?, DataResult>> _selective = new();

    public CosemObject(ushort classId, ObisCode logicalName)
    {
        ClassId = classId;
        LogicalName = logicalName;
        _getters[CosemClass.LogicalName] = () => DataValue.FromBytes(DataType.OctetString, logicalName.ToBytes());
    }

    public ushort ClassId { get; }
    public ObisCode LogicalName { get; }
    public int Version { get; init; }

    public CosemObject Attribute(int id, Func<DataValue> get, Func<DataValue, int>? set = null)
    {
        _getters[id] = get;
        if (set != null)
        {
            _setters[id] = set;
        }

        return this;
    }

    /// <summary>An attribute read with selective access (access selector, parameters; selector 0 = none), e.g. a profile's buffer.</summary>
    public CosemObject Selective(int id, Func<int, DataValue?, DataResult> get)
    {
        _selective[id] = get;
        _getters[id] = () => get(0, null).Value;
        return this;
    }

    /// <summary>
    /// Reads an attribute under a selective access; one that takes none refuses any selector (read-write-denied) rather
    /// than answer with more than was asked for.
    /// </summary>
    public DataResult Get(int attribute, int selector, DataValue? parameters)
    {
        if (_selective.TryGetValue(attribute, out var get))
        {
            return get(selector, parameters);
        }

        if (!TryGet(attribute, out var value, out int error))
        {
            return new DataResult(error);
        }

        return selector == 0 ? new DataResult(value) : new DataResult(AccessResult.ReadWriteDenied);
    }

    /// <summary>A read/write attribute backed by a field-like cell.</summary>
    public CosemObject Stored(int id, DataValue initial, bool writable = false)
    {
        var cell = initial;
        _getters[id] = () => cell;
        if (writable)
        {
            _setters[id] = v =>
            {
                if (v.Type != cell.Type)
                {
                    return AccessResult.TypeUnmatched;
                }

                cell = v;
                return AccessResult.Success;
            };
        }

        return this;
    }

    public CosemObject Method(int id, Func<DataValue?, MethodOutcome> handler)
    {
        _methods[id] = handler;
        return this;
    }

    public IEnumerable<int> AttributeIds => _getters.Keys.OrderBy(k => k);

    public bool TryGet(int attribute, out DataValue value, out int error)
    {
        if (_getters.TryGetValue(attribute, out var get))
        {
            value = get();
            error = AccessResult.Success;
            return true;
        }

        value = DataValue.Null;
        error = AccessResult.ObjectUndefined;
        return false;
    }

    public int Set(int attribute, DataValue value)
    {
        if (_setters.TryGetValue(attribute, out var set))
        {
            return set(value);
        }

        return _getters.ContainsKey(attribute) ? AccessResult.ReadWriteDenied : AccessResult.ObjectUndefined;
    }

    public MethodOutcome Invoke(int method, DataValue? parameter) =>
        _methods.TryGetValue(method, out var handler) ? handler(parameter) : new MethodOutcome(AccessResult.ObjectUndefined, null);
}

/// <summary>The objects a meter exposes, looked up by class id and logical name.</summary>
public sealed class CosemObjectModel
{
    private readonly List<CosemObject> _objects = new();

    public IReadOnlyList<CosemObject> Objects => _objects;

    public CosemObject Add(CosemObject o)
    {
        _objects.Add(o);
        return o;
    }

    public CosemObject? Find(ushort classId, ObisCode logicalName) =>
        _objects.FirstOrDefault(o => o.ClassId == classId && o.LogicalName == logicalName);

    /// <summary>Association LN attribute 2 (object_list): {class_id, version, logical_name, access_rights} per object.</summary>
    public DataValue ObjectList() => DataValue.FromArray(_objects.Select(o => DataValue.FromStructure(new[]
    {
        DataValue.FromInteger(DataType.LongUnsigned, o.ClassId),
        DataValue.FromInteger(DataType.Unsigned, o.Version),
        DataValue.FromBytes(DataType.OctetString, o.LogicalName.ToBytes()),
        DataValue.FromStructure(new[]
        {
            DataValue.FromArray(o.AttributeIds.Select(id => DataValue.FromStructure(new[]
            {
                DataValue.FromInteger(DataType.Integer, id),
                DataValue.FromInteger(DataType.Enum, 1),
                DataValue.Null,
            })).ToArray()),
            DataValue.FromArray(Array.Empty<DataValue>()),
        }),
    })).ToArray());
}
