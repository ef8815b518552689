using OpenAmi.Metering.Data;
using OpenAmi.Metering.Polling;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Quality;
using OpenAmi.Metering.Registration;
using OpenAmi.Metering.Tests.Support;
using OpenAmi.Metering.Vmrs;

namespace OpenAmi.Metering.Tests.Polling;

public class PollSchedulerTests
{
    [Fact]
    public void A_sweep_reads_every_mapped_item_normalised_to_vmrs_units()
    {
        var feeder = new Feeder();
        feeder.AddMeter(17, "SER-17", importKWh: 1842.5);
        var sweep = feeder.Scheduler.RunSweep();

        Assert.Equal(9, sweep.Readings); // the generic profile maps 9 items
        Assert.Equal(1842.5, feeder.ReadingsOf(17, "1.8.0").Single().Number);
        Assert.Equal("kWh", feeder.ReadingsOf(17, "1.8.0").Single().Item.Unit);
        Assert.Equal(230.1, feeder.ReadingsOf(17, "32.7.0").Single().Number);
        Assert.Equal(50.01, feeder.ReadingsOf(17, "14.7.0").Single().Number);
        Assert.Equal("SER-17", feeder.ReadingsOf(17, VmrsCatalogue.DeviceId).Single().Text);
        Assert.Equal("connected", feeder.ReadingsOf(17, VmrsCatalogue.Disconnect).Single().Text);
        Assert.Equal("2026-06-22T14:30:00Z", feeder.ReadingsOf(17, VmrsCatalogue.Clock).Single().Text);
        Assert.All(feeder.Sink.Readings, r => Assert.Equal(ReadingQuality.Good, r.Quality));
        // 9 value reads + 4 scaler_unit reads (1.8.0, 2.8.0, 1.7.0, 32.7.0, 14.7.0 → 5), each 100 ms on the bus.
        Assert.Equal(14, feeder.Meters.Transactions);
        Assert.Equal(1400, sweep.DurationMs);
    }

    [Fact]
    public void Scaler_unit_is_read_once_per_item()
    {
        var feeder = new Feeder();
        feeder.AddMeter(17, "A", 10);
        feeder.Scheduler.RunSweep();
        int first = feeder.Meters.Transactions;
        feeder.Clock.NowMs += 60 * PollPlan.Minute;
        feeder.Scheduler.RunSweep();
        // Second sweep: only value reads of items due after an hour (billing 2, instantaneous 3, event 2).
        Assert.Equal(7, feeder.Meters.Transactions - first);
    }

    [Fact]
    public void A_silent_meter_costs_one_timeout_then_is_backed_off_and_reported_comms_lost_without_starving_others()
    {
        var feeder = new Feeder();
        feeder.AddMeter(17, "A", 10);
        var silent = feeder.AddMeter(18, "B", 20);
        feeder.AddMeter(19, "C", 30);
        feeder.Meters.Silent.Add(18);
        var sweep = feeder.Scheduler.RunSweep();

        Assert.Equal(9, feeder.Sink.Readings.Count(r => r.Meter.Address == 19 && r.Quality == ReadingQuality.Good));
        var lost = feeder.Sink.Readings.Where(r => r.Meter == silent).ToList();
        Assert.Equal(9, lost.Count);
        Assert.All(lost, r => Assert.Equal(ReadingQuality.CommsLost, r.Quality));
        // One bus attempt for meter B (its first scaler_unit read), the rest published without touching the bus:
        // 14 transactions each for A and C, 1 for B, plus one clock write: C's (static) clock is read 2.6 s
        // into the sweep, beyond the 2 s tolerance. 9 + 9 + 1 item reads went to the bus.
        Assert.Equal(30, feeder.Meters.Transactions);
        Assert.Single(feeder.Meters.Writes, w => w.Address == 19);
        Assert.Equal(19, sweep.Transactions);
        Assert.Single(feeder.Sink.Events.OfType<CommsEvent>(), e => e.Kind == MeteringEventKind.CommsLost && e.MeterAddress == 18);
        Assert.True(silent.BackoffUntilMs > feeder.Clock.NowMs);
    }

    [Fact]
    public void A_meter_that_answers_again_is_restored_and_its_last_value_was_kept_meanwhile()
    {
        var feeder = new Feeder();
        var meter = feeder.AddMeter(17, "A", 10);
        feeder.Scheduler.RunSweep();
        feeder.Meters.Silent.Add(17);
        feeder.Clock.NowMs += 15 * PollPlan.Minute;
        feeder.Scheduler.RunSweep();
        var lostVoltage = feeder.ReadingsOf(17, "32.7.0").Last();
        Assert.Equal(ReadingQuality.CommsLost, lostVoltage.Quality);
        Assert.Equal(230.1, lostVoltage.Number); // last good value, flagged

        feeder.Meters.Silent.Remove(17);
        feeder.Clock.NowMs += 15 * PollPlan.Minute;
        feeder.Scheduler.RunSweep();
        Assert.Equal(ReadingQuality.Good, feeder.ReadingsOf(17, "32.7.0").Last().Quality);
        Assert.Contains(feeder.Sink.Events, e => e.Kind == MeteringEventKind.CommsRestored);
        Assert.False(meter.CommsLost);
    }

    [Fact]
    public void On_demand_read_pre_empts_scheduled_work()
    {
        var feeder = new Feeder();
        feeder.AddMeter(17, "A", 10);
        var other = feeder.AddMeter(18, "B", 20);
        feeder.Scheduler.Step(); // meter 17's first item is on the wire
        feeder.Scheduler.RequestNow(other, VmrsCatalogue.Find(VmrsCatalogue.Disconnect)!);
        feeder.Scheduler.Step();
        Assert.Equal(18, feeder.Sink.Readings[1].Meter.Address);
        Assert.Equal(VmrsCatalogue.Disconnect, feeder.Sink.Readings[1].Item.Code);
    }

    [Fact]
    public void A_queued_on_demand_read_is_due_now_until_it_is_done()
    {
        var feeder = new Feeder();
        var meter = feeder.AddMeter(17, "A", 10);
        feeder.Scheduler.RunSweep();
        long now = feeder.Clock.NowMs;
        Assert.True(feeder.Scheduler.NextDueMs() > now); // nothing due until the next interval

        feeder.Scheduler.RequestNow(meter, VmrsCatalogue.Find(VmrsCatalogue.ActiveEnergyImport)!);
        feeder.Scheduler.RequestNow(meter, VmrsCatalogue.Find(VmrsCatalogue.ActivePowerImport)!);
        Assert.Equal(now, feeder.Scheduler.NextDueMs());
        feeder.Scheduler.Step();
        Assert.Equal(feeder.Clock.NowMs, feeder.Scheduler.NextDueMs()); // the second read is still waiting
        feeder.Scheduler.Step();
        Assert.True(feeder.Scheduler.NextDueMs() > feeder.Clock.NowMs);
    }

    [Fact]
    public void Backoff_doubles_up_to_its_ceiling()
    {
        var plan = new PollPlan { BackoffBaseMs = 30000, BackoffMaxMs = 200000 };
        Assert.Equal(30000, plan.BackoffFor(1));
        Assert.Equal(60000, plan.BackoffFor(2));
        Assert.Equal(120000, plan.BackoffFor(3));
        Assert.Equal(200000, plan.BackoffFor(4));
        Assert.Equal(200000, plan.BackoffFor(40));
    }

    [Fact]
    public void A_layout_adopted_after_registration_reads_its_new_items_at_once_on_the_meter_s_first_phase()
    {
        var feeder = new Feeder();
        feeder.Scheduler.Remove(feeder.AddMeter(17, "A", importKWh: 12.5)); // the fake meter's objects, scheduled below with fewer items
        var common = ProfileReader.Load("""{ "id": "c", "protocol": "dlms", "link": { "medium": "rs485" }, "items": { "32.7.0": {} } }""").Profile!;
        // A chosen layout shares the common items' mappings (VendorProfile.WithVariant) and adds its own.
        var layout = new VendorProfile { Id = "c", Items = common.Items.Append(feeder.Profile.Find(VmrsCatalogue.Find("1.8.0")!)!).ToArray() };
        var record = new MeterRecord(feeder.Meters, 17, common) { Serial = "A" };
        long start = feeder.Clock.NowMs;
        feeder.Scheduler.Add(record);
        var voltage = record.State(VmrsCatalogue.Find("32.7.0")!)!;
        feeder.Scheduler.RunSweep();
        long voltageDue = voltage.NextDueMs;
        feeder.Clock.NowMs += 2_800; // registration settles the layout a little after polling began

        feeder.Scheduler.AdoptLayout(record, layout);
        feeder.Scheduler.RunSweep();

        Assert.Same(voltage, record.State(VmrsCatalogue.Find("32.7.0")!)); // kept: same mapping, same schedule
        Assert.Equal(voltageDue, voltage.NextDueMs);
        Assert.Equal(12.5, feeder.ReadingsOf(17, "1.8.0").Single().Number);
        // Billing class (60 min, PollPlan) counted from when the meter was first scheduled, not from 2.8 s later.
        Assert.Equal(start + 60 * PollPlan.Minute, record.State(VmrsCatalogue.Find("1.8.0")!)!.NextDueMs);
        Assert.Null(record.State(VmrsCatalogue.Find("2.8.0")!));
    }
}
