using System;
using System.Text;
using System.Threading;
using nanoFramework.Runtime.Native;
using OpenAmi.Firmware.Esp32.Adapters.Crypto;
using OpenAmi.Firmware.Esp32.Adapters.Installer;
using OpenAmi.Firmware.Esp32.Adapters.Keypad;
using OpenAmi.Firmware.Esp32.Adapters.Modem;
using OpenAmi.Firmware.Esp32.Adapters.Mqtt;
using OpenAmi.Firmware.Esp32.Adapters.Platform;
using OpenAmi.Firmware.Esp32.Adapters.Serial;
using OpenAmi.Firmware.Esp32.Adapters.Storage;
using OpenAmi.Gateway.App;
using OpenAmi.Gateway.Config;
using OpenAmi.Gateway.Ports;
using OpenAmi.Gateway.Scheduling;
using OpenAmi.Gateway.Watchdog;
using OpenAmi.Installer.Commissioning;
using OpenAmi.Installer.Config;
using OpenAmi.Installer.Http;
using OpenAmi.Installer.Security;
using OpenAmi.Installer.Site;
using OpenAmi.Safety.Dsp;
using OpenAmi.Safety.Ports;

namespace OpenAmi.Firmware.Esp32
{
    /// <summary>
    /// Device entry point. Order matters for safety: the board comes up with every SSR off and SSR_ARM low before anything
    /// else runs; a configuration or composition failure only ever leaves the lines off. Then the portable GatewayApp is
    /// composed over the board's adapters and runs on three threads: safety supervision (highest priority), the keypad
    /// scan, and the application loop (commands, polling, housekeeping); the modem has its own service thread. The
    /// software watchdog (highest priority) reboots through Power when any of them stalls.
    /// </summary>
    public static class Program
    {
        private const int WatchdogCheckMs = 1000;
        private const int MainLoopTimeoutMs = 60000;
        private const int WifiTimeoutMs = 60000;
        private const int FailedBootRetryMs = 60000;

        // The uplink's own back-off decides when to reconnect; this only bounds how late it notices.
        private const int ReportTickMs = 1000;

        // The modem loop may wait behind AT+CMQTTSTART (120 s) plus a connect (60 s): CellularUplink.Start.
        private const int ModemLoopTimeoutMs = 300000;

        // A supervision round is a few mains cycles; a request's self-test and probe hold it up to ≈ 1.5 s.
        private const int SafetyLoopTimeoutMs = 5000;

        // Fine enough for a 10 s hold; the button reader settles its own 100 ms.
        private const int ButtonPollMs = 250;

        public static void Main()
        {
            var system = new FlashFileStore("sys_");
            var deviceLog = new DeviceLog(system);
            deviceLog.Record("boot: firmware " + DeviceInfo.Release);

            // Assigned here so that Record is not the last instruction before the try (nanoCLR hazard).
            Board board = null;
            try
            {
                board = Board.Open(new DetectorSettings().SampleRateHz);
            }
            catch (Exception ex)
            {
                // An expander that does not answer leaves SSR_ARM on its pull-down: the lines are dead. Retry from reset.
                deviceLog.Record("board bring-up failed: " + ex.Message);
                Thread.Sleep(FailedBootRetryMs);
                Power.RebootDevice();
                return;
            }

            var clock = new DeviceClock();
            var watchdog = new SoftwareWatchdog(clock, new PowerReboot(system));
            new WatchdogThread(watchdog, clock, new EventWaiter(clock), WatchdogCheckMs).Start();
            WatchdogLease mainLoop = watchdog.Register("main", MainLoopTimeoutMs);

            var log = new StringBuilder();
            ConfigLoadResult loaded = ProvisionedFiles.LoadConfig(log);
            GatewayConfig config = loaded == null ? null : loaded.Config;
            DlmsSecretTable secrets = config == null ? null : ProvisionedFiles.LoadDlmsSecrets(log);
            byte[] caCertificate = config == null || !config.Northbound.Tls ? null : ProvisionedFiles.ReadRequired(config.Northbound.CaCertFile, log);
            if (config == null || secrets == null || (config.Northbound.Tls && caCertificate == null))
            {
                deviceLog.Record("configuration rejected, lines stay off:\n" + log.ToString());
                if (loaded != null && loaded.ReportingOnly != null)
                {
                    ReportRejected(board, loaded, clock, watchdog, mainLoop, deviceLog);
                }

                HoldSafe(board, mainLoop);
                return;
            }

            CellularUplink uplink = ConnectUplink(board, config, caCertificate, clock, watchdog, mainLoop, deviceLog);

            var keypad = new KeypadScanner(board.Expanders);
            var info = new DeviceInfo(clock, uplink);
            GatewayApp app;
            try
            {
                GatewayPorts ports = Ports(board, config, clock, system, secrets, uplink, info, keypad);
                if (!ProvisionedFiles.LoadProfiles(config, ports, log))
                {
                    throw new GatewayCompositionException("vendor profiles missing or invalid:\n" + log.ToString());
                }

                app = new GatewayApp(config, ports);
            }
            catch (GatewayCompositionException ex)
            {
                deviceLog.Record("gateway composition refused, lines stay off: " + ex.Message);
                HoldSafe(board, mainLoop);
                return;
            }

            StartInstaller(app, config, clock, info, deviceLog);
            StartCommissioning(app, config, board, clock, system, deviceLog);
            WatchdogLease safetyLoop = watchdog.Register("safety", SafetyLoopTimeoutMs);
            new Thread(() => app.Safety.Service.Run(safetyLoop)) { Priority = ThreadPriority.Highest }.Start();
            new Thread(keypad.Run) { Priority = ThreadPriority.BelowNormal }.Start();
            deviceLog.Record("OpenAMI " + config.GatewayId + " up, broker " + config.Northbound.Host);
            app.CreateLoop(mainLoop).Run();
        }

        /// <summary>
        /// The installer's page and API on port 80 over the running app (docs/installer.md), on a thread of its own below
        /// the gateway's. The password record and the page are provisioned files beside gateway.json; a board without the
        /// record (or with a damaged one) answers every /api request 503, never with a default.
        /// </summary>
        private static void StartInstaller(GatewayApp app, GatewayConfig config, DeviceClock clock, DeviceInfo info, DeviceLog deviceLog)
        {
            var site = new GatewaySite(config, info, clock);
            site.Attach(app);
            var provisioned = new FlashFileStore(string.Empty);

            // Assigned here so that the constructor call is not the last instruction before the try (nanoCLR hazard).
            InstallerPassword password = null;
            try
            {
                password = InstallerPassword.Load(provisioned, new Pbkdf2PasswordHasher(new NativeHmacSha256(), Pbkdf2PasswordHasher.Iterations));
            }
            catch (InstallerPasswordException ex)
            {
                deviceLog.Record("installer password refused, the installer API answers 503: " + ex.Message);
            }

            var bootKey = new byte[VerifiedPassword.KeyLength];
            new HardwareRandom().NextBytes(bootKey, 0, bootKey.Length);
            var verified = new VerifiedPassword(new NativeHmacSha256(), bootKey);
            var api = new InstallerApi(site, password, verified, new ConfigSlot(provisioned, ProvisionedFiles.ConfigFile), clock, FlashFileStore.ReadAll(ProvisionedFiles.InstallerPageFile), site.Events);
            new Thread(new InstallerHttpServer(api).Run) { Priority = ThreadPriority.BelowNormal }.Start();
        }

        /// <summary>
        /// The commissioning access point named after the gateway (docs/installer.md): <see cref="CommissioningSwitch"/>
        /// decides from the boot state and the LOCAL_RESET hold, polled on the housekeeping lane; nanoFramework applies a
        /// stored soft-AP change at boot, so the board says goodbye on its status topic and restarts to apply one.
        /// </summary>
        private static void StartCommissioning(GatewayApp app, GatewayConfig config, Board board, DeviceClock clock, FlashFileStore system, DeviceLog deviceLog)
        {
            byte[] passphraseFile = FlashFileStore.ReadAll(ProvisionedFiles.AccessPointPassphraseFile);

            // Assigned here so that ReadAll is not the last call before the try (nanoCLR hazard).
            AccessPointSettings settings = null;
            try
            {
                settings = AccessPointSettings.FromFile(config.GatewayId, passphraseFile);
            }
            catch (CommissioningException ex)
            {
                deviceLog.Record("commissioning access point unavailable: " + ex.Message);
                return;
            }

            var radio = new CommissioningRadio();
            bool cellular = config.Cellular.Apn != null && config.Cellular.Apn.Length > 0;
            var commissioning = new CommissioningSwitch(CommissioningRadio.WifiConfigured() || cellular);
            ILocalResetInput button = board.LocalReset.NewReader();
            var reboot = new PowerReboot(system);
            ApplyAccessPoint(commissioning.Boot(clock.NowMs, radio.Enabled), radio, settings, app, reboot, deviceLog);
            app.Scheduler.AddPeriodic("commissioning", Lane.Housekeeping, clock.NowMs, ButtonPollMs, now => ApplyAccessPoint(commissioning.Step(now, button.Pressed), radio, settings, app, reboot, deviceLog));
        }

        private static void ApplyAccessPoint(AccessPointAction action, CommissioningRadio radio, AccessPointSettings settings, GatewayApp app, PowerReboot reboot, DeviceLog deviceLog)
        {
            bool start = action == AccessPointAction.Start;
            bool changed = start ? radio.Enable(settings) : action == AccessPointAction.Stop && radio.Disable();
            if (changed)
            {
                deviceLog.Record("commissioning access point " + (start ? "on as " + settings.Ssid : "off") + ": restarting to apply it");
                app.Stop();
                reboot.Reboot(start ? "commissioning_ap_on" : "commissioning_ap_off");
            }
        }

        /// <summary>Brings up the modem's service loop and Wi-Fi; the uplink carries MQTT over whichever is up.</summary>
        private static CellularUplink ConnectUplink(Board board, GatewayConfig config, byte[] caCertificate, DeviceClock clock, SoftwareWatchdog watchdog, WatchdogLease mainLoop, DeviceLog deviceLog)
        {
            var wifi = new WifiLink();
            var uplink = new CellularUplink(board.Modem, board.ModemPowerKey, clock, new M2MqttLink(config.Northbound.Host, config.Northbound.Port, caCertificate), wifi, config, caCertificate);
            uplink.Start(watchdog.Register("modem", ModemLoopTimeoutMs));
            mainLoop.CheckIn();
            if (wifi.Connect(WifiTimeoutMs))
            {
                // Reconnect(requiresDateTime: true) returns only once SNTP has set the clock.
                clock.MarkSynchronized();
            }
            else
            {
                deviceLog.Record("Wi-Fi not ready (the modem carries the uplink): " + wifi.LastError);
            }

            return uplink;
        }

        /// <summary>
        /// A rejected gateway.json whose ids, northbound and cellular sections are sound still reaches its broker, only to
        /// publish the errors in its retained status (docs/northbound.md); the lines are off first and stay off. Never returns
        /// unless the broker's CA file is missing, which leaves nothing to report with.
        /// </summary>
        private static void ReportRejected(Board board, ConfigLoadResult loaded, DeviceClock clock, SoftwareWatchdog watchdog, WatchdogLease mainLoop, DeviceLog deviceLog)
        {
            SwitchOff(board);
            GatewayConfig reporting = loaded.ReportingOnly;
            var log = new StringBuilder();
            byte[] caCertificate = reporting.Northbound.Tls ? ProvisionedFiles.ReadRequired(reporting.Northbound.CaCertFile, log) : null;
            if (reporting.Northbound.Tls && caCertificate == null)
            {
                deviceLog.Record("configuration errors not reported: " + log.ToString());
                return;
            }

            CellularUplink uplink = ConnectUplink(board, reporting, caCertificate, clock, watchdog, mainLoop, deviceLog);
            var ports = new GatewayPorts
            {
                Clock = clock,
                WallClock = clock,
                Info = new DeviceInfo(clock, uplink),
                OutboxStore = new FlashFileStore("ob_"),
                Mqtt = uplink.Link,
            };
            var report = new RejectedConfigReport(loaded, ports);
            deviceLog.Record("reporting the configuration errors to broker " + reporting.Northbound.Host);
            while (true)
            {
                mainLoop.CheckIn();
                report.Tick(clock.NowMs);
                Thread.Sleep(ReportTickMs);
            }
        }

        private static GatewayPorts Ports(Board board, GatewayConfig config, DeviceClock clock, FlashFileStore system, DlmsSecretTable secrets, CellularUplink uplink, DeviceInfo info, KeypadScanner keypad)
        {
            var state = new FlashFileStore("st_");
            var ports = new GatewayPorts
            {
                Clock = clock,
                WallClock = clock,
                Info = info,
                OutboxStore = new FlashFileStore("ob_"),
                StateStore = state,
                Mqtt = uplink.Link,
                CommandKey = new HmacCommandKey(config.Northbound.CommandKey),
                Aes = new AesBlockCipher(),
                Random = new HardwareRandom(),
                DlmsSecrets = secrets,
                DlmsSystemTitle = secrets.SystemTitle,
                DlmsInvocationCounters = new InvocationCounterTable(state),
                Waiter = new EventWaiter(clock),
                Reboot = new PowerReboot(system),
                ClockSetter = clock,
                Keypad = keypad,
                KeypadIndicator = new KeypadIndicator(board.StatusLed, board.Expanders),
                AnyTrip = board.AnyTrip,
                LocalReset = board.LocalReset,
                SafetyClock = clock,
                SafetyDelay = new ThreadDelay(),
                SafetyStore = new FlashFileStore("sf_"),
            };

            // Without Wi-Fi, SNTP never runs: the modem's network time is the pole's only UTC.
            ports.AddTimeSource(uplink.Time);

            // Both meter buses are routes of COM2 (docs/device-subset.md "Device facts"); the validator allows one of each kind.
            for (int i = 0; i < config.Buses.Length; i++)
            {
                BusConfig bus = config.Buses[i];
                if (bus.Kind == BusKind.TcpSerial || bus.Kind == BusKind.DlmsWrapper)
                {
                    // docs/gateway.md "Network buses": a socket IByteLink adapter (System.Net) is not part of this image.
                    throw new GatewayCompositionException("bus '" + bus.Id + "': " + ConfigNames.BusKinds[(int)bus.Kind] + " needs a TCP socket link, which this board's firmware does not include");
                }

                bool optical = bus.Kind == BusKind.Optical;
                ports.AddBus(bus.Id, optical ? board.Optical : board.Rs485);
                ports.ShareUart(bus.Id, board.Com2, (int)(optical ? Com2Route.Optical : Com2Route.Rs485));
            }

            // A channel names the ADC1 input of its sensor; the board line is the one wired to that input.
            for (int i = 0; i < config.Safety.Channels.Length; i++)
            {
                SafetyChannelConfig channel = config.Safety.Channels[i];
                int line = Board.LineOfAdcChannel(channel.AdcChannel);
                if (line < 0)
                {
                    throw new GatewayCompositionException("safety channel '" + channel.Id + "': ADC1 channel " + channel.AdcChannel.ToString() + " carries no tenant line on this board");
                }

                ports.AddSafetyLine(channel.Id, board.PortsOf(line));
            }

            return ports;
        }

        private static void HoldSafe(Board board, WatchdogLease lease)
        {
            SwitchOff(board);
            while (true)
            {
                lease.CheckIn();
                Thread.Sleep(MainLoopTimeoutMs / 4);
            }
        }

        private static void SwitchOff(Board board)
        {
            for (int i = 0; i < Board.LineCount; i++)
            {
                board.Lines[i].SetOn(false);
                board.Lines[i].SetArmed(false);
            }
        }
    }
}
