using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using OpenAmi.Emulator.Feeder;
using OpenAmi.Gateway.Config;
using OpenAmi.Gateway.Scheduling;
using OpenAmi.Installer.Site;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Vmrs;
using OpenAmi.Safety.Supervision;

namespace OpenAmi.Emulator.Installer;

/// <summary>
/// The installer API's view of an emulated pole. Identity, line states and meter registration come from the running
/// <see cref="FeederWorld"/>; readings, trips and events from what the gateway published (the broker's forwarded
/// messages), so the page shows exactly what the gateway said, parsed by an implementation other than the gateway's.
/// Read-now and the clock check are posted to the gateway's own scheduler (thread-safe), never run on the HTTP thread.
/// A bus scan and a line self-test have no on-demand entry point in the gateway yet: they answer 501.
/// </summary>
public sealed class FeederInstallerSite : IInstallerSite
{
    private readonly FeederWorld _world;
    private readonly GatewayConfig _config;
    private readonly EventRing _events;
    private readonly ConcurrentDictionary<string, MeterReadings> _readings = new();
    private readonly ConcurrentDictionary<string, JsonObject> _lastTrip = new();

    public FeederInstallerSite(FeederWorld world, GatewayConfig config, EventRing events)
    {
        _world = world;
        _config = config;
        _events = events;
    }

    /// <summary>One message as the broker forwards it to subscribers.</summary>
    public void Observe(string topic, byte[] payload)
    {
        if (JsonNode.Parse(payload) is not JsonObject message)
        {
            return;
        }

        string kind = topic[(topic.LastIndexOf('/') + 1)..];
        string? meter = (string?)message["meterSerial"];
        if (kind == "telemetry" && meter != null && message["registers"] is JsonArray registers)
        {
            _readings.GetOrAdd(meter, _ => new MeterReadings()).Update(Time(message["ts"]), registers);
        }
        else if (kind == "event" && message["type"] is JsonValue type)
        {
            string name = (string)type!;
            var data = message["data"] as JsonObject;
            if (name == "rcm_trip" && data?["line"] is JsonValue line)
            {
                var trip = (JsonObject)data.DeepClone();
                trip["ts"] = message["ts"]?.DeepClone();
                _lastTrip[(string)line!] = trip;
            }

            _events.Add(Time(message["ts"]), name, (meter == null ? "" : meter + " ") + (data?.ToJsonString() ?? ""));
        }
    }

    public void ReadStatus(StatusView into)
    {
        var northbound = _world.App.Northbound;
        into.GatewayId = _config.GatewayId;
        into.Firmware = _world.FirmwareVersion;
        into.UptimeS = _world.UptimeSeconds;
        into.ClockUtc = _world.UtcNow;
        into.ClockSource = "emulator";
        into.SignalDbm = _world.SignalDbm;
        into.Uplink = "wifi";
        into.Broker = _world.Link.IsConnected ? "connected" : "down";
        into.OutboxRecords = northbound.Outbox.Depth;
    }

    public int MeterCount => _config.Meters.Length;

    public MeterView Meter(int index)
    {
        MeterConfig meter = _config.Meters[index];
        var record = _world.App.Metering.Meter(meter.Id);
        string? serial = _world.App.Metering.DeviceSerial(meter.Id);
        var view = new MeterView
        {
            Id = meter.Id,
            Serial = serial,
            Protocol = meter.Protocol == MeterProtocol.Modbus ? "modbus" : "dlms",
            Profile = meter.Profile,
            Bus = meter.Bus,
            Comms = record == null || serial == null ? "unregistered" : record.CommsLost ? "lost" : "ok",
        };
        if (_readings.TryGetValue(meter.Id, out var readings))
        {
            readings.Fill(view);
        }

        return view;
    }

    public int LineCount => _config.Safety.Channels.Length;

    public LineView Line(int index)
    {
        string channel = _config.Safety.Channels[index].Id;
        LineState state = _world.App.Safety.Service.StateOf(index);
        var view = new LineView { Line = index, Channel = channel, State = StateName(state), LockedOut = state == LineState.LockedOut };
        if (_lastTrip.TryGetValue(channel, out var trip))
        {
            view.LastTripCause = (string?)trip["cause"] ?? "unknown";
            view.LastTripMilliamps = (double?)trip["magnitudeMa"] ?? double.NaN;
            view.LastTripUtc = Time(trip["ts"]);
        }

        return view;
    }

    public int ReadNow(string meterId)
    {
        if (Array.FindIndex(_config.Meters, m => m.Id == meterId) < 0)
        {
            return -1;
        }

        var app = _world.App;
        app.Scheduler.Post("installer read-now", Lane.Command, _ => app.Metering.RequestNow(meterId, null));
        var record = app.Metering.Meter(meterId);
        return record == null ? 0 : record.Items.Length;
    }

    public bool ScanBus(string busId) =>
        Array.FindIndex(_config.Buses, b => b.Id == busId) < 0
            ? false
            : throw new ActionUnavailableException("the gateway has no on-demand bus scan yet; meters register at start");

    public int CheckClocks()
    {
        var app = _world.App;
        VmrsItem clock = VmrsCatalogue.Find(VmrsCatalogue.Clock);
        app.Scheduler.Post("installer clock check", Lane.Command, _ =>
        {
            foreach (var meter in _config.Meters)
            {
                app.Metering.RequestNow(meter.Id, clock);
            }
        });
        return _config.Meters.Length;
    }

    public bool SelfTest(int line) =>
        line < 0 || line >= _config.Safety.Channels.Length
            ? false
            : throw new ActionUnavailableException("the gateway runs line self-tests at power-up and daily; an on-demand one is not wired yet");

    public string[] KnownProfiles => _world.App.Metering.Profiles.Keys.Cast<string>().ToArray();

    private static string StateName(LineState state) => state switch
    {
        LineState.Off => "off",
        LineState.Probing => "probing",
        LineState.On => "on",
        LineState.Tripped => "tripped",
        LineState.Faulted => "faulted",
        LineState.LockedOut => "locked_out",
        _ => "unknown",
    };

    private static DateTime Time(JsonNode? ts) =>
        ts is JsonValue value && DateTime.TryParse((string?)value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)
            ? t
            : DateTime.MinValue;

    /// <summary>The last published value of each register of one meter.</summary>
    private sealed class MeterReadings
    {
        private readonly Dictionary<string, (JsonObject Register, DateTime At)> _byCode = new();
        private DateTime _last = DateTime.MinValue;

        public void Update(DateTime at, JsonArray registers)
        {
            lock (_byCode)
            {
                _last = at;
                foreach (var node in registers)
                {
                    if (node is JsonObject register && (string?)register["obis"] is string code)
                    {
                        _byCode[code] = ((JsonObject)register.DeepClone(), at);
                    }
                }
            }
        }

        public void Fill(MeterView view)
        {
            lock (_byCode)
            {
                view.LastReadUtc = _last;
                foreach (VmrsItem item in VmrsCatalogue.Items)
                {
                    if (!_byCode.TryGetValue(item.Code, out var entry))
                    {
                        continue;
                    }

                    JsonNode? value = entry.Register["value"];
                    bool number = value is JsonValue v && v.TryGetValue(out double _);
                    view.Registers.Add(new RegisterView(
                        item.Code,
                        item.Name,
                        number ? (double)value! : double.NaN,
                        number || value == null ? null : value.ToString(),
                        (string?)entry.Register["unit"],
                        (string?)entry.Register["quality"],
                        entry.At));
                }
            }
        }
    }
}
