using OpenAmi.Gateway.App;
using OpenAmi.Gateway.Northward;
using OpenAmi.Gateway.Scheduling;
using OpenAmi.Gateway.Tests.Fakes;
using Topics = OpenAmi.Northbound.Envelope.Topics;

namespace OpenAmi.Gateway.Tests.Northward;

/// <summary>
/// Issue 18: a task that throws on every run (one bad meter's poller) is contained, counted and reported as
/// gateway_fault events, at most one per task per 10 minutes, while every other task keeps its schedule. The
/// expected payload is written out by hand from the gateway_fault shape in docs/northbound.md.
/// </summary>
public class GatewayFaultReporterTests
{
    private readonly FakeClock _clock = new();
    private readonly RecordingEventSink _sink = new();

    private void RunUntil(Scheduler s, long endMs) => s.RunUntil(_clock, endMs);

    [Fact]
    public void A_task_failing_every_second_yields_one_event_per_ten_minutes_and_the_others_run_on()
    {
        var scheduler = new Scheduler(_clock, SchedulerOptions.Default);
        var reporter = new GatewayFaultReporter(scheduler, _clock, new FixedWallClock(), new Topics("feeder-north-paravur-01", "pole-ems-0042"), _sink);
        var bad = scheduler.AddPeriodic("poll rs485-1", Lane.Polling, 0, 1000, now => throw new InvalidOperationException("NaN is not a JSON number"));
        int healthyRuns = 0;
        scheduler.AddPeriodic("poll rs485-2", Lane.Polling, 0, 1000, now => healthyRuns++);

        RunUntil(scheduler, 25 * 60_000 - 1);

        Assert.Equal(1500, healthyRuns);
        Assert.Equal(1500, bad.Faults);
        Assert.Equal(1500, reporter.Faults);
        Assert.Equal(3, reporter.Reports); // at 0, 600 s and 1200 s
        Assert.All(_sink.Messages, m => Assert.Equal("openami/v1/feeder-north-paravur-01/pole-ems-0042/event", m.Topic));
        Assert.Equal(
            "{\"schemaVersion\":\"0.1\",\"ts\":\"2026-06-22T14:30:00Z\",\"feederId\":\"feeder-north-paravur-01\",\"gatewayId\":\"pole-ems-0042\"," +
            "\"type\":\"gateway_fault\",\"data\":{\"task\":\"poll rs485-1\",\"cause\":\"InvalidOperationException: NaN is not a JSON number\",\"faults\":1,\"totalFaults\":1}}",
            _sink.Messages[0].Payload);
        // The second report stands for the 600 faults of 1 s … 600 s.
        Assert.Contains("\"faults\":600,\"totalFaults\":601}", _sink.Messages[1].Payload);
        Assert.Contains("\"faults\":600,\"totalFaults\":1201}", _sink.Messages[2].Payload);
    }

    [Fact]
    public void A_long_cause_is_cut_and_a_report_that_cannot_be_written_is_only_counted()
    {
        var scheduler = new Scheduler(_clock, SchedulerOptions.Default);
        var failingSink = new ThrowingEventSink();
        var reporter = new GatewayFaultReporter(scheduler, _clock, new FixedWallClock(), new Topics("f", "g"), failingSink);
        scheduler.Post("command", Lane.Command, now => throw new FormatException(new string('x', 1000)));

        RunUntil(scheduler, 1000);

        Assert.Equal(2, reporter.Faults); // the command, then the report the sink refused
        Assert.Equal(0, reporter.Reports);
        Assert.Equal(0, scheduler.Count);
        Assert.Equal(GatewayFaultReporter.MaxCauseChars, failingSink.LastCause!.Length);
    }

    private sealed class ThrowingEventSink : OpenAmi.Northbound.Events.IEventSink
    {
        public string? LastCause;

        public void Emit(string topic, byte[] payload, int offset, int count)
        {
            var text = System.Text.Encoding.UTF8.GetString(payload, offset, count);
            var node = OpenAmi.Json.JsonParser.Parse(text);
            LastCause = node.Require("data").GetString("cause");
            throw new IOException("outbox full");
        }
    }
}
