using System.Text;
using System.Text.Json;
using OpenAmi.Emulator.Feeder;
using OpenAmi.Gateway.Scheduling;

namespace OpenAmi.Emulator.Tests.Feeder;

public class FeederRunnerTests
{
    [Fact]
    public void Scenario_events_and_gateway_steps_interleave_in_simulated_time()
    {
        // Polling every 900 s from 0, housekeeping every 600 s from 0; events at 600 s and 1000 s; run 1800 s.
        // Events due at an instant are applied before the steps due at that instant.
        var clock = new SimulatedClock(new DateTime(2026, 6, 22, 14, 0, 0, DateTimeKind.Utc), speed: 0);
        var scheduler = new Scheduler(clock, SchedulerOptions.Default);
        var trace = new List<string>();
        scheduler.AddPeriodic("poll", Lane.Polling, 0, 900_000, now => trace.Add($"poll@{now / 1000}"));
        scheduler.AddPeriodic("keep", Lane.Housekeeping, 0, 600_000, now => trace.Add($"keep@{now / 1000}"));
        var scenario = new Scenario("t", "", clock.StartUtc, 1_800_000, null,
        [
            new ScenarioEvent(600_000, ScenarioEventType.BrokerDown),
            new ScenarioEvent(1_000_000, ScenarioEventType.BrokerUp),
        ]);
        var runner = new FeederRunner(clock, scheduler, scenario, e => trace.Add($"{e.TypeName}@{clock.NowMs / 1000}"));

        runner.Run();

        Assert.Equal(new[]
        {
            "poll@0", "keep@0", "broker_down@600", "keep@600", "poll@900", "broker_up@1000", "keep@1200", "poll@1800", "keep@1800",
        }, trace);
        Assert.Equal(2, runner.EventsApplied);
        Assert.Equal(1_800_000, clock.NowMs);
        Assert.Equal(new DateTime(2026, 6, 22, 14, 30, 0, DateTimeKind.Utc), clock.UtcNow);
    }

    [Fact]
    public void A_run_ends_at_its_duration_even_when_nothing_is_scheduled()
    {
        var clock = new SimulatedClock(DateTime.UnixEpoch, speed: 0);
        var runner = new FeederRunner(clock, new Scheduler(clock, SchedulerOptions.Default), new Scenario("t", "", DateTime.UnixEpoch, 86_400_000, null, []), _ => { });

        runner.Run();

        Assert.Equal(86_400_000, clock.NowMs);
    }

    [Fact]
    public void Simulated_time_never_goes_backwards()
    {
        var clock = new SimulatedClock(DateTime.UnixEpoch, speed: 0);
        clock.WaitUntil(5000);
        clock.WaitUntil(1000);

        Assert.Equal(5000, clock.NowMs);
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedClock(DateTime.UnixEpoch, -1));
    }

    [Fact]
    public void A_message_line_is_exactly_topic_qos_retain_payload_with_the_payload_bytes_kept()
    {
        // Payload: the northbound profile's own example envelope (the OpenAMI northbound MQTT profile v0.1; docs/northbound.md).
        const string payload = """{"schemaVersion":"0.1","ts":"2026-06-22T14:30:00Z","feederId":"feeder-north-paravur-01","gatewayId":"pole-ems-0042","meterSerial":"DS1000-88421","registers":[{"obis":"1.8.0","value":1842.5,"unit":"kWh","quality":"good"}]}""";
        const string topic = "openami/v1/feeder-north-paravur-01/pole-ems-0042/meter/DS1000-88421/telemetry";
        var bytes = Encoding.UTF8.GetBytes("xx" + payload);

        var line = MessageLine.Format(topic, false, bytes, 2, bytes.Length - 2);

        Assert.Equal("{\"topic\":\"" + topic + "\",\"qos\":1,\"retain\":false,\"payload\":" + payload + "}", line);
        using var parsed = JsonDocument.Parse(line);
        Assert.Equal(new[] { "topic", "qos", "retain", "payload" }, parsed.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void A_payload_that_is_not_JSON_is_refused_not_printed()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"a\":");

        var error = Assert.Throws<InvalidDataException>(() => MessageLine.Format("t", false, bytes, 0, bytes.Length));
        Assert.StartsWith("payload on t is not JSON", error.Message);
    }
}
