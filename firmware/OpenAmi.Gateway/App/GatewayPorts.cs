using System;
using System.Collections;
using OpenAmi.Dlms.Link;
using OpenAmi.Dlms.Security;
using OpenAmi.Gateway.Ports;
using OpenAmi.Metering.Dlms;
using OpenAmi.Northbound.Mqtt;
using OpenAmi.Northbound.Ports;
using OpenAmi.Storage.Ports;

namespace OpenAmi.Gateway.App
{
    /// <summary>
    /// Everything the gateway needs from the platform it runs on, as the libraries' own small interfaces: the
    /// ESP32 adapters supply them on the device, simulated parts in the feeder emulator and tests. Nothing here
    /// decides anything; <see cref="GatewayApp"/> composes the libraries over these ports.
    /// </summary>
    public sealed class GatewayPorts
    {
        private readonly Hashtable _buses = new Hashtable();

        /// <summary>Milliseconds that only go forward (scheduling, polling intervals, timeouts).</summary>
        public IMonotonicClock Clock { get; set; }

        /// <summary>Wall-clock UTC for envelopes and commands' expiry (SNTP or modem time on the device).</summary>
        public IClock WallClock { get; set; }

        public IGatewayInfo Info { get; set; }

        /// <summary>Where the outbox keeps its segments (survives power cuts).</summary>
        public IFileStore OutboxStore { get; set; }

        /// <summary>Small durable state: replay guard, keypad lockout, prepaid ledgers.</summary>
        public IFileStore StateStore { get; set; }

        /// <summary>The northbound MQTT connection (Wi-Fi, cellular, or the fallback between them).</summary>
        public IMqttLink Mqtt { get; set; }

        /// <summary>Verifies head-end commands (HMAC-SHA256 with the gateway's key).</summary>
        public ICommandKey CommandKey { get; set; }

        public IAesBlockCipher Aes { get; set; }

        public IRandomSource Random { get; set; }

        public IDlmsSecretStore DlmsSecrets { get; set; }

        /// <summary>Waits on the scheduler's thread; the emulator jumps simulated time instead.</summary>
        public IWaiter Waiter { get; set; }

        /// <summary>Gives the byte link of a configured bus (RS-485 line or optical head), by the bus id in the configuration.</summary>
        public void AddBus(string busId, IByteLink link)
        {
            if (busId == null || link == null)
            {
                throw new ArgumentNullException(busId == null ? nameof(busId) : nameof(link));
            }

            _buses[busId] = link;
        }

        public IByteLink Bus(string busId) => (IByteLink)_buses[busId];

        /// <summary>Throws naming the first missing port, so a platform that forgot one fails at boot, not at first use.</summary>
        public void Check()
        {
            Require(Clock, "Clock");
            Require(WallClock, "WallClock");
            Require(Info, "Info");
            Require(OutboxStore, "OutboxStore");
            Require(StateStore, "StateStore");
            Require(Mqtt, "Mqtt");
            Require(CommandKey, "CommandKey");
        }

        private static void Require(object port, string name)
        {
            if (port == null)
            {
                throw new GatewayCompositionException("port " + name + " is not supplied by the platform");
            }
        }
    }
}
