using OpenAmi.Dlms.Apdu;
using OpenAmi.Emulator.Dlms;
using OpenAmi.Metering.Polling;
using OpenAmi.Metering.Quality;
using OpenAmi.Metering.Registration;

namespace OpenAmi.Emulator.Tests.Metering;

/// <summary>
/// Polling with GET-with-list (IEC 62056-5-3 get-request-with-list, conformance bit multiple-references):
/// the same sweep read item by item and in lists must publish the same readings; the list sweep sends fewer
/// requests. Expectations are the item-by-item sweep (the second implementation) and the meters' own state.
/// </summary>
public class BatchPollingTests
{
    private static readonly MeterProfile[] Vendors = { MeterProfile.Sunbird, MeterProfile.Kestrel, DlmsFeeder.Plain };

    private static (SweepReport Sweep, RecordingSink Sink, int[] Frames) Sweep(MeterProfile[] profiles, bool lists)
    {
        using var f = new DlmsFeeder(profiles);
        var sink = new RecordingSink();
        var mono = new HostMonotonicClock();
        var scheduler = new PollScheduler(new ItemReader(new QualityAssessor(new PlausibilityLimits()), mono, null), null, mono, new PollPlan(), sink)
        {
            BatchReads = lists,
        };
        foreach (var p in profiles)
        {
            var profile = DlmsFeeder.Profile(p);
            f.Reader.Declare(p.ServerLower, profile);
            scheduler.Add(new MeterRecord(f.Reader, p.ServerLower, profile) { Serial = p.Serial });
        }

        var sweep = scheduler.RunSweep();
        f.Reader.Release();
        return (sweep, sink, f.Meters.Select(m => m.FramesReceived).ToArray());
    }

    private static string[] Published(RecordingSink sink) => sink.Readings
        .OrderBy(r => r.Meter.Address).ThenBy(r => r.Item.Code, StringComparer.Ordinal)
        .Select(r => $"{r.Meter.Address} {r.Item.Code} {r.ValueKind} {r.Number:R} {r.Text} {r.Quality} {r.Reason} {r.Status}")
        .ToArray();

    [Fact]
    public void A_sweep_of_meters_that_take_lists_uses_fewer_requests_and_publishes_identical_readings()
    {
        var single = Sweep(Vendors, lists: false);
        var batched = Sweep(Vendors, lists: true);

        Assert.Equal(Published(single.Sink), Published(batched.Sink));
        Assert.Equal(27, single.Sweep.Readings);
        Assert.All(batched.Sink.Readings, r => Assert.Equal(ReadingQuality.Good, r.Quality));
        // Item by item: 9 GETs per meter. With lists: the first GET opens the association (nothing negotiated yet),
        // then one list for the other 8 items.
        Assert.Equal(3 * 9, single.Sweep.Transactions);
        Assert.Equal(3 * 2, batched.Sweep.Transactions);
        for (int m = 0; m < Vendors.Length; m++)
        {
            Assert.True(batched.Frames[m] < single.Frames[m], $"{Vendors[m].Name}: {batched.Frames[m]} frames with lists, {single.Frames[m]} without");
        }
    }

    [Fact]
    public void A_meter_that_did_not_negotiate_lists_is_read_item_by_item_with_the_same_readings()
    {
        var noLists = new[] { DlmsFeeder.Plain with { Conformance = ConformanceBits.ClientDefault & ~ConformanceBits.MultipleReferences } };

        var single = Sweep(noLists, lists: false);
        var batched = Sweep(noLists, lists: true);

        Assert.Equal(Published(single.Sink), Published(batched.Sink));
        Assert.Equal(9, batched.Sweep.Transactions);
        Assert.Equal(single.Frames, batched.Frames);
    }
}
