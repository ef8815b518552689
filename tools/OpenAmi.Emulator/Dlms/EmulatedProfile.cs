using OpenAmi.Dlms.Apdu;
using OpenAmi.Dlms.Axdr;
using OpenAmi.Dlms.Cosem;

namespace OpenAmi.Emulator.Dlms;

/// <summary>
/// A Profile generic (class 7) of an emulated meter, FIFO: its first column is the meter's clock, and it captures a row
/// at every multiple of its period that the meter's clock passes (a clock that stops — the meter unpowered — or jumps
/// back captures nothing). The buffer answers selective access as the Blue Book reads it: by range on the clock column
/// (both bounds inclusive, a leading or any subset of columns) and by entry (1-based, 0 = the newest / the last column).
/// </summary>
public sealed class EmulatedProfile
{
    private readonly List<DataValue[]> _rows = new();
    private readonly Func<DateTime, DataValue[]> _capture;
    private DateTime _lastCapture;

    /// <param name="capture">The values of the columns after the clock for a capture at that instant.</param>
    public EmulatedProfile(ObisCode logicalName, int periodSeconds, int capacity, CaptureObject[] columns, Func<DateTime, DataValue[]> capture)
    {
        LogicalName = logicalName;
        PeriodSeconds = periodSeconds;
        Capacity = capacity;
        Columns = columns;
        _capture = capture;
    }

    public ObisCode LogicalName { get; }
    public int PeriodSeconds { get; }
    public int Capacity { get; }
    /// <summary>The capture objects; the first is the clock.</summary>
    public CaptureObject[] Columns { get; }
    public int EntriesInUse => _rows.Count;

    /// <summary>
    /// Captures the rows for every period boundary in (last capture, <paramref name="clockUtc"/>], at most <see cref="Capacity"/>;
    /// the first call fills the whole capacity up to the clock (the meter's history before the emulation began).
    /// </summary>
    public void Advance(DateTime clockUtc)
    {
        var next = _lastCapture.AddSeconds(PeriodSeconds);
        if (_lastCapture == default || next < clockUtc.AddSeconds(-(double)PeriodSeconds * Capacity))
        {
            next = Boundary(clockUtc).AddSeconds(-(double)PeriodSeconds * (Capacity - 1));
        }

        for (; next <= clockUtc; next = next.AddSeconds(PeriodSeconds))
        {
            var values = _capture(next);
            var row = new DataValue[values.Length + 1];
            row[0] = DataValue.FromBytes(DataType.OctetString, CosemDateTime.FromUtc(next).ToBytes());
            values.CopyTo(row, 1);
            _rows.Add(row);
            if (_rows.Count > Capacity)
            {
                _rows.RemoveAt(0);
            }

            _lastCapture = next;
        }
    }

    /// <summary>
    /// The class 7 object: buffer (selective), capture_objects, capture_period, sort_method FIFO, entries_in_use,
    /// profile_entries; <paramref name="beforeRead"/> runs first on every read (it brings the profile up to the clock).
    /// </summary>
    public CosemObject ToObject(Action beforeRead)
    {
        Func<DataValue> Read(Func<DataValue> get) => () =>
        {
            beforeRead();
            return get();
        };

        return new CosemObject(CosemClass.ProfileGeneric, LogicalName) { Version = 1 }
            .Selective(CosemClass.Buffer, (selector, parameters) =>
            {
                beforeRead();
                return Select(selector, parameters);
            })
            .Attribute(CosemClass.CaptureObjects, Read(() => DataValue.FromArray(Columns.Select(c => c.ToData()).ToArray())))
            .Attribute(CosemClass.CapturePeriod, Read(() => DataValue.FromInteger(DataType.DoubleLongUnsigned, PeriodSeconds)))
            .Attribute(CosemClass.SortMethod, Read(() => DataValue.FromInteger(DataType.Enum, ProfileDescription.Fifo)))
            .Attribute(CosemClass.EntriesInUse, Read(() => DataValue.FromInteger(DataType.DoubleLongUnsigned, _rows.Count)))
            .Attribute(CosemClass.ProfileEntries, Read(() => DataValue.FromInteger(DataType.DoubleLongUnsigned, Capacity)));
    }

    /// <summary>The buffer for a selective access (0 = all); a selection it cannot serve is read-write-denied.</summary>
    public DataResult Select(int selector, DataValue? parameters)
    {
        var p = parameters;
        switch (selector)
        {
            case 0:
                return Rows(0, _rows.Count, Enumerable.Range(0, Columns.Length).ToArray());
            case ProfileSelection.ByRangeSelector when p is { Type: DataType.Structure, Count: 4 } && p[1].Type == DataType.OctetString &&
                                                      p[2].Type == DataType.OctetString && p[3].Type == DataType.Array:
            {
                var columns = ColumnsOf(p[3]);
                if (!IsClock(p[0]) || columns == null ||
                    !CosemDateTime.Parse(p[1].AsBytes()).TryToUtc(out var from) || !CosemDateTime.Parse(p[2].AsBytes()).TryToUtc(out var to))
                {
                    return new DataResult(AccessResult.ReadWriteDenied);
                }

                int first = _rows.FindIndex(r => Time(r) >= from);
                int end = _rows.FindLastIndex(r => Time(r) <= to) + 1;
                return first < 0 || end <= first ? Rows(0, 0, columns) : Rows(first, end - first, columns);
            }

            case ProfileSelection.ByEntrySelector when p is { Type: DataType.Structure, Count: 4 } && p[0].IsInteger && p[1].IsInteger &&
                                                      p[2].IsInteger && p[3].IsInteger:
            {
                long fromEntry = p[0].AsInt64(), toEntry = p[1].AsInt64() == 0 ? _rows.Count : Math.Min(p[1].AsInt64(), _rows.Count);
                long fromColumn = p[2].AsInt64(), toColumn = p[3].AsInt64() == 0 ? Columns.Length : p[3].AsInt64();
                if (fromEntry < 1 || fromColumn < 1 || toColumn > Columns.Length || toColumn < fromColumn)
                {
                    return new DataResult(AccessResult.ReadWriteDenied);
                }

                var columns = Enumerable.Range((int)fromColumn - 1, (int)(toColumn - fromColumn + 1)).ToArray();
                return fromEntry > toEntry ? Rows(0, 0, columns) : Rows((int)fromEntry - 1, (int)(toEntry - fromEntry + 1), columns);
            }

            default:
                return new DataResult(AccessResult.ReadWriteDenied);
        }
    }

    private DataResult Rows(int first, int count, int[] columns) => new(DataValue.FromArray(_rows.Skip(first).Take(count)
        .Select(row => DataValue.FromStructure(columns.Select(c => row[c]).ToArray())).ToArray()));

    /// <summary>The column indexes of selected_values (empty = all); null when one is not captured.</summary>
    private int[]? ColumnsOf(DataValue selected)
    {
        if (selected.Count == 0)
        {
            return Enumerable.Range(0, Columns.Length).ToArray();
        }

        var indexes = new int[selected.Count];
        for (int i = 0; i < indexes.Length; i++)
        {
            CaptureObject wanted;
            try
            {
                wanted = CaptureObject.FromData(selected[i]);
            }
            catch (OpenAmi.Dlms.DlmsException)
            {
                return null;
            }

            indexes[i] = Array.FindIndex(Columns, c => c.ToString() == wanted.ToString());
            if (indexes[i] < 0)
            {
                return null;
            }
        }

        return indexes;
    }

    private bool IsClock(DataValue restricting)
    {
        try
        {
            return CaptureObject.FromData(restricting).ToString() == Columns[0].ToString();
        }
        catch (OpenAmi.Dlms.DlmsException)
        {
            return false;
        }
    }

    private static DateTime Time(DataValue[] row)
    {
        CosemDateTime.Parse(row[0].AsBytes()).TryToUtc(out var t);
        return t;
    }

    private DateTime Boundary(DateTime utc) => new(utc.Ticks - utc.Ticks % (PeriodSeconds * TimeSpan.TicksPerSecond), DateTimeKind.Utc);
}
