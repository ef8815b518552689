using System;
using OpenAmi.Installer.Site;
using OpenAmi.Json;
using OpenAmi.Northbound.Envelope;

namespace OpenAmi.Installer.Http
{
    /// <summary>The API's JSON for each view (docs/installer.md). Unknown values are written as null, never guessed.</summary>
    internal static class ViewJson
    {
        public static void Status(JsonWriter json, StatusView status)
        {
            json.BeginObject();
            json.Property("gatewayId", status.GatewayId);
            json.Property("firmware", status.Firmware);
            Number(json, "uptimeS", status.UptimeS);
            Time(json, "clock", status.ClockUtc);
            json.Property("clockSource", status.ClockSource);
            Number(json, "signalDbm", status.SignalDbm);
            json.Property("uplink", status.Uplink);
            json.Property("broker", status.Broker);
            json.Property("outboxRecords", status.OutboxRecords);
            Time(json, "outboxOldest", status.OutboxOldestUtc);
            Number(json, "freeHeapBytes", status.FreeHeapBytes);
            json.EndObject();
        }

        public static void Meter(JsonWriter json, MeterView meter)
        {
            json.BeginObject();
            json.Property("id", meter.Id);
            json.Property("serial", meter.Serial);
            json.Property("protocol", meter.Protocol);
            json.Property("profile", meter.Profile);
            json.Property("bus", meter.Bus);
            json.Property("comms", meter.Comms);
            Time(json, "lastRead", meter.LastReadUtc);
            json.Name("registers");
            json.BeginArray();
            for (int i = 0; i < meter.Registers.Count; i++)
            {
                var register = (RegisterView)meter.Registers[i];
                json.BeginObject();
                json.Property("code", register.Code);
                json.Property("name", register.Name);
                json.Name("value");
                if (register.Text != null)
                {
                    json.String(register.Text);
                }
                else if (double.IsNaN(register.Value))
                {
                    json.Null();
                }
                else
                {
                    json.Number(register.Value);
                }

                json.Property("unit", register.Unit);
                json.Property("quality", register.Quality);
                Time(json, "read", register.ReadUtc);
                json.EndObject();
            }

            json.EndArray();
            json.EndObject();
        }

        public static void Line(JsonWriter json, LineView line)
        {
            json.BeginObject();
            json.Property("line", line.Line);
            json.Property("channel", line.Channel);
            json.Property("state", line.State);
            json.Name("lastTrip");
            if (line.LastTripCause == null)
            {
                json.Null();
            }
            else
            {
                json.BeginObject();
                json.Property("cause", line.LastTripCause);
                json.Property("milliamps", line.LastTripMilliamps);
                Time(json, "at", line.LastTripUtc);
                json.EndObject();
            }

            json.Property("lockedOut", line.LockedOut);
            json.Property("lastSelfTest", line.LastSelfTest);
            Time(json, "lastSelfTestAt", line.LastSelfTestUtc);
            json.EndObject();
        }

        public static void Events(JsonWriter json, EventRing ring)
        {
            json.BeginArray();
            for (int age = 0; age < ring.Count; age++)
            {
                ring.Get(age, out DateTime utc, out string kind, out string detail);
                json.BeginObject();
                Time(json, "at", utc);
                json.Property("kind", kind);
                json.Property("detail", detail);
                json.EndObject();
            }

            json.EndArray();
        }

        private static void Number(JsonWriter json, string name, long value)
        {
            json.Name(name);
            if (value == StatusView.Unknown)
            {
                json.Null();
            }
            else
            {
                json.Integer(value);
            }
        }

        private static void Time(JsonWriter json, string name, DateTime utc)
        {
            json.Name(name);
            if (utc == DateTime.MinValue)
            {
                json.Null();
            }
            else
            {
                json.String(IsoTime.Format(utc));
            }
        }
    }
}
