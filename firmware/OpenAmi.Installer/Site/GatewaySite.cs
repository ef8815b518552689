using System;
using System.Collections;
using OpenAmi.Gateway.App;
using OpenAmi.Gateway.Config;
using OpenAmi.Gateway.Ports;
using OpenAmi.Gateway.Scheduling;
using OpenAmi.Installer.Http;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.ClockSync;
using OpenAmi.Metering.Registration;
using OpenAmi.Metering.Vmrs;
using OpenAmi.Platform;
using OpenAmi.Safety.Supervision;

namespace OpenAmi.Installer.Site
{
    /// <summary>
    /// The installer's view of a running <see cref="GatewayApp"/>, the same on the board and in the feeder emulator.
    /// Identity, registration and line states come from the app; readings from <see cref="LatestReadings"/> on the
    /// telemetry bridge and events, trips and self-tests from <see cref="PublishedEvents"/> on the uplink, both attached by
    /// <see cref="Attach"/> (again after each restart of the app, as the emulator does). Read-now and the clock check
    /// are posted to the app's scheduler, never run on the HTTP thread, and so is a bus scan (every configured meter
    /// registers again); a line self-test is asked of the safety service and run by its next round.
    /// </summary>
    public sealed class GatewaySite : IInstallerSite
    {
        private readonly GatewayConfig _config;
        private readonly IPlatformStatus _platform;
        private readonly IMonotonicClock _clock;
        private readonly LatestReadings _readings;
        private readonly PublishedEvents _published;
        private readonly object _sync = new object();
        private GatewayApp _app;

        /// <param name="clock">The gateway's monotonic clock (the one its ports give it).</param>
        public GatewaySite(GatewayConfig config, IPlatformStatus platform, IMonotonicClock clock)
        {
            _config = config;
            _platform = platform;
            _clock = clock;
            var meterIds = new string[config.Meters.Length];
            for (int i = 0; i < meterIds.Length; i++)
            {
                meterIds[i] = config.Meters[i].Id;
            }

            var channels = new string[config.Safety.Channels.Length];
            for (int i = 0; i < channels.Length; i++)
            {
                channels[i] = config.Safety.Channels[i].Id;
            }

            _readings = new LatestReadings(meterIds);
            _published = new PublishedEvents(channels, new EventRing(InstallerApi.EventCapacity));
        }

        /// <summary>The ring the API's events route reads.</summary>
        public EventRing Events => _published.Ring;

        public LatestReadings Readings => _readings;

        public PublishedEvents Published => _published;

        /// <summary>Taps <paramref name="app"/>'s telemetry bridge and uplink; call it before the app's threads run.</summary>
        public void Attach(GatewayApp app)
        {
            app.Northbound.Bridge.ReadingTap = _readings;
            app.Northbound.Uplink.Tap = _published;
            lock (_sync)
            {
                _app = app;
            }
        }

        /// <summary>
        /// The gateway's UTC and the time source it rests on (the first in priority order that answered the last
        /// refresh, by its name: "wall clock" is SNTP on a board, "modem" the network's time), then the platform's facts,
        /// which may say more about the clock.
        /// </summary>
        public void ReadStatus(StatusView into)
        {
            GatewayApp app = App;
            GatewayClock clock = app.Metering.Clock;
            DateTime utc;
            into.ClockUtc = clock.TryGetUtcAt(_clock.NowMs, out utc) ? utc : DateTime.MinValue;
            into.ClockSource = "unset";
            TimeSourceState[] sources = clock.Sources;
            for (int i = 0; i < sources.Length; i++)
            {
                if (sources[i].Answered)
                {
                    into.ClockSource = sources[i].Source.Name;
                    break;
                }
            }

            _platform.Fill(into);
            into.GatewayId = _config.GatewayId;
            into.OutboxRecords = app.Northbound.Outbox.Depth;
        }

        public int MeterCount => _config.Meters.Length;

        public MeterView Meter(int index)
        {
            MeterConfig meter = _config.Meters[index];
            MeteringWiring metering = App.Metering;
            MeterRecord record = metering.Meter(meter.Id);
            string serial = metering.DeviceSerial(meter.Id);
            var view = new MeterView
            {
                Id = meter.Id,
                Serial = serial,
                Protocol = meter.Protocol == MeterProtocol.Modbus ? "modbus" : "dlms",
                Profile = meter.Profile,
                Bus = meter.Bus,
                Comms = record == null || serial == null ? "unregistered" : record.CommsLost ? "lost" : "ok",
            };
            _readings.Fill(meter.Id, view);
            return view;
        }

        public int LineCount => _config.Safety.Channels.Length;

        public LineView Line(int index)
        {
            LineState state = App.Safety.Service.StateOf(index);
            var view = new LineView { Line = index, Channel = _config.Safety.Channels[index].Id, State = StateName(state), LockedOut = state == LineState.LockedOut };
            _published.Fill(index, view);
            return view;
        }

        public int ReadNow(string meterId)
        {
            if (IndexOfMeter(meterId) < 0)
            {
                return -1;
            }

            GatewayApp app = App;
            app.Scheduler.Post("installer read-now", Lane.Command, now => app.Metering.RequestNow(meterId, null));
            MeterRecord record = app.Metering.Meter(meterId);
            return record == null ? 0 : record.Items.Length;
        }

        public bool ScanBus(string busId)
        {
            for (int i = 0; i < _config.Buses.Length; i++)
            {
                if (_config.Buses[i].Id == busId)
                {
                    GatewayApp app = App;
                    app.Scheduler.Post("installer bus scan", Lane.Command, now => app.Metering.Rescan(busId, now));
                    return true;
                }
            }

            return false;
        }

        public int CheckClocks()
        {
            GatewayApp app = App;
            MeterConfig[] meters = _config.Meters;
            VmrsItem clock = VmrsCatalogue.Find(VmrsCatalogue.Clock);
            app.Scheduler.Post("installer clock check", Lane.Command, now =>
            {
                for (int i = 0; i < meters.Length; i++)
                {
                    app.Metering.RequestNow(meters[i].Id, clock);
                }
            });
            return meters.Length;
        }

        public bool SelfTest(int line)
        {
            if (line < 0 || line >= _config.Safety.Channels.Length)
            {
                return false;
            }

            if (!App.Safety.Service.RequestSelfTest(line))
            {
                throw new InstallerApiException(409, "line_busy", "line " + line.ToString() + " is locked out or probing: its self-test waits, as the daily one does");
            }

            return true;
        }

        public string[] KnownProfiles
        {
            get
            {
                Hashtable profiles = App.Metering.Profiles;
                var ids = new string[profiles.Count];
                profiles.Keys.CopyTo(ids, 0);
                return ids;
            }
        }

        private GatewayApp App
        {
            get
            {
                lock (_sync)
                {
                    return _app;
                }
            }
        }

        private int IndexOfMeter(string meterId)
        {
            for (int i = 0; i < _config.Meters.Length; i++)
            {
                if (_config.Meters[i].Id == meterId)
                {
                    return i;
                }
            }

            return -1;
        }

        private static string StateName(LineState state)
        {
            switch (state)
            {
                case LineState.Off: return "off";
                case LineState.Probing: return "probing";
                case LineState.On: return "on";
                case LineState.Tripped: return "tripped";
                case LineState.Faulted: return "faulted";
                case LineState.LockedOut: return "locked_out";
                default: return "unknown";
            }
        }
    }
}
