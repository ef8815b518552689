using OpenAmi.Dlms.Apdu;
using OpenAmi.Dlms.Axdr;
using OpenAmi.Dlms.Tests.Support;

namespace OpenAmi.Dlms.Tests.Apdu;

/// <summary>
/// Issue 15: a client decodes every GET-Response into one kept <see cref="GetResponse"/>, so once warmed up a steady
/// GET allocates nothing but the values it reads. Vectors: the GET-Response normal and error examples of
/// u9n/dlms-cosem tests/test_xdlms/test_get.py (also in ApduVectorTests), and with-list answers assembled by hand from
/// them after IEC 62056-5-3's Get-Response-With-List (tag C4, choice 03, invoke-id-and-priority, count, then per item
/// 00 + Data or 01 + data-access-result).
/// </summary>
public class SteadyGetDecodeTests
{
    /// <summary>5009 as double-long-unsigned (test_get.py).</summary>
    private const string NormalWithValue = "C401C1000600001391";

    /// <summary>hardware-fault (test_get.py).</summary>
    private const string NormalWithError = "C401C10101";

    /// <summary>Two results: hardware-fault (1) and read-write-denied (3).</summary>
    private const string ListOfErrors = "C403C102 0101 0103";

    /// <summary>Three results: 5009, hardware-fault, 5009.</summary>
    private const string ListWithValues = "C403C103 000600001391 0101 000600001391";

    [Theory]
    [InlineData(NormalWithError)]
    [InlineData(ListOfErrors)]
    public void A_steady_get_answered_without_values_decodes_into_the_kept_response_allocating_nothing(string hex)
    {
        var bytes = Hex.Bytes(hex.Replace(" ", ""));
        var reader = new AxdrReader(bytes);
        var kept = new GetResponse();
        Decode(reader, bytes, kept);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var again = Decode(reader, bytes, kept);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Same(kept, again);
        Assert.Equal(0, allocated);
        Assert.All(again.Results, r => Assert.False(r.Success));
        Assert.Equal(AccessResult.HardwareFault, again.Results[0].AccessResult);
    }

    [Theory]
    [InlineData(NormalWithValue, 1)]
    [InlineData(ListWithValues, 2)]
    public void A_steady_get_with_values_allocates_only_the_values_it_reads(string hex, int values)
    {
        var bytes = Hex.Bytes(hex.Replace(" ", ""));
        var reader = new AxdrReader(bytes);
        var kept = new GetResponse();
        Decode(reader, bytes, kept);
        // The same Data read on its own (06 00001391, test_get.py's value): what one value costs, whatever the runtime.
        var value = Hex.Bytes("0600001391");
        var valueReader = new AxdrReader(value);
        valueReader.ReadData();
        valueReader.Reset(value, 0, value.Length);
        long valueStart = GC.GetAllocatedBytesForCurrentThread();
        valueReader.ReadData();
        long oneValue = GC.GetAllocatedBytesForCurrentThread() - valueStart;

        long before = GC.GetAllocatedBytesForCurrentThread();
        var again = Decode(reader, bytes, kept);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(oneValue > 0);
        Assert.Equal(values * oneValue, allocated);
        Assert.Equal(5009, again.Results[0].Value.AsInt64());
    }

    [Fact]
    public void A_kept_response_refilled_by_another_answer_carries_that_answer_alone()
    {
        var kept = new GetResponse();
        var values = Hex.Bytes(ListWithValues.Replace(" ", ""));
        var errors = Hex.Bytes("C403C103 0101 0103 0101".Replace(" ", ""));
        var reader = new AxdrReader(values);
        Decode(reader, values, kept);

        var refilled = Decode(reader, errors, kept);

        Assert.Equal(new[] { AccessResult.HardwareFault, AccessResult.ReadWriteDenied, AccessResult.HardwareFault }, refilled.Results.Select(r => r.AccessResult));
        Assert.All(refilled.Results, r => Assert.Null(r.Value));
        var normal = Decode(reader, Hex.Bytes(NormalWithValue), kept);
        Assert.Single(normal.Results);
        Assert.Null(normal.Block);
        Assert.Equal(5009, normal.Results[0].Value.AsInt64());
    }

    private static GetResponse Decode(AxdrReader reader, byte[] bytes, GetResponse kept)
    {
        reader.Reset(bytes, 0, bytes.Length);
        return (GetResponse)ApduCodec.Decode(reader, kept);
    }
}
