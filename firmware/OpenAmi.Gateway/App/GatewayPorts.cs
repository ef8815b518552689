using System;
using System.Collections;
using OpenAmi.Dlms.Link;
using OpenAmi.Dlms.Security;
using OpenAmi.Gateway.Buses;
using OpenAmi.Gateway.Ports;
using OpenAmi.Metering.Dlms;
using OpenAmi.Metering.Profiles;
using OpenAmi.Northbound.Mqtt;
using OpenAmi.Northbound.Ports;
using OpenAmi.Platform;
using OpenAmi.Prepaid.Ports;
using OpenAmi.Safety.Ports;
using OpenAmi.Safety.Supervision;
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
        private readonly Hashtable _sharedUarts = new Hashtable();
        private readonly Hashtable _profiles = new Hashtable();
        private readonly Hashtable _safetyLines = new Hashtable();
        private readonly ArrayList _timeSources = new ArrayList();

        /// <summary>Milliseconds that only go forward (scheduling, polling intervals, timeouts).</summary>
        public IMonotonicClock Clock { get; set; }

        /// <summary>Wall-clock UTC for envelopes and commands' expiry (SNTP or modem time on the device).</summary>
        public IWallClock WallClock { get; set; }

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

        /// <summary>Persists each DLMS meter's client invocation counter, per bus (null: counters restart from 0 at boot).</summary>
        public InvocationCounterTable DlmsInvocationCounters { get; set; }

        /// <summary>The gateway's DLMS system title (8 bytes: 3-letter manufacturer id, 5 bytes serial); needed for ciphered and HLS meters.</summary>
        public byte[] DlmsSystemTitle { get; set; }

        /// <summary>Waits on the scheduler's thread; the emulator jumps simulated time instead.</summary>
        public IWaiter Waiter { get; set; }

        /// <summary>Restarts the device (watchdog, remote reboot command); optional: without it "reboot" is not supported.</summary>
        public IRebootPort Reboot { get; set; }

        /// <summary>Sets the wall clock (clock-sync command); optional: without it "clock-sync" is not supported.</summary>
        public IWallClockSetter ClockSetter { get; set; }

        /// <summary>The pole's keypad; optional (no keypad, no offline entry: remote tokens still work).</summary>
        public IKeypad Keypad { get; set; }

        /// <summary>Display, LEDs or buzzer beside the keypad; required when <see cref="Keypad"/> is given.</summary>
        public IKeypadIndicator KeypadIndicator { get; set; }

        /// <summary>The board's ANY_TRIP input (OR of every line's latch); required when safety channels are configured.</summary>
        public IAnyTripInput AnyTrip { get; set; }

        /// <summary>The board's reset button, the only way to clear a lockout.</summary>
        public ILocalResetInput LocalReset { get; set; }

        /// <summary>The safety thread's milliseconds (the emulator's pole board keeps its own simulated time).</summary>
        public IMonotonicClock SafetyClock { get; set; }

        /// <summary>The safety thread's waits (self-test settling, a requester watching a probe), in the same time as <see cref="SafetyClock"/>.</summary>
        public IDelay SafetyDelay { get; set; }

        /// <summary>Told after each part of the composition (heap figures per component); optional.</summary>
        public ICompositionProbe CompositionProbe { get; set; }

        /// <summary>Lockouts and attempt histories; must survive reboots and power cuts.</summary>
        public ISafetyStore SafetyStore { get; set; }

        /// <summary>Gives the hardware of one tenant line (sensor, SSR drive, latch, test input, load sense), by its safety channel id.</summary>
        public void AddSafetyLine(string channelId, LinePorts line)
        {
            if (channelId == null || line == null)
            {
                throw new ArgumentNullException(channelId == null ? nameof(channelId) : nameof(line));
            }

            _safetyLines[channelId] = line;
        }

        public LinePorts SafetyLine(string channelId) => (LinePorts)_safetyLines[channelId];

        /// <summary>
        /// A source of UTC beyond <see cref="WallClock"/> (the modem's network time on a cellular pole), ranked after the
        /// wall clock and after the sources added before it; the gateway clock cross-checks them all.
        /// </summary>
        public void AddTimeSource(ITimeSource source)
        {
            _timeSources.Add(source ?? throw new ArgumentNullException(nameof(source)));
        }

        /// <summary>The sources added with <see cref="AddTimeSource"/>, highest rank first.</summary>
        public ArrayList TimeSources => _timeSources;

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

        /// <summary>
        /// Declares that a bus's link is one route of a UART shared with another bus (the ESP32's COM2 carries the
        /// RS-485 line and the optical head): every transaction on it then holds <paramref name="arbiter"/> for
        /// <paramref name="route"/>, so the other route's bytes never fall between a request and its answer.
        /// </summary>
        public void ShareUart(string busId, IBusArbiter arbiter, int route)
        {
            _sharedUarts[busId] = new UartShare(arbiter ?? throw new ArgumentNullException(nameof(arbiter)), route);
        }

        /// <summary>How the bus shares its UART, or null when it has one of its own.</summary>
        public UartShare SharedUart(string busId) => (UartShare)_sharedUarts[busId];

        /// <summary>A vendor profile beyond the built-ins (loaded from the device's flash); the configuration names profiles by id.</summary>
        public void AddProfile(VendorProfile profile)
        {
            if (profile == null || profile.Id == null)
            {
                throw new ArgumentNullException(nameof(profile));
            }

            _profiles[profile.Id] = profile;
        }

        /// <summary>The profiles added with <see cref="AddProfile"/>, by id.</summary>
        public Hashtable Profiles => _profiles;

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
