using System;
using System.Diagnostics;
using System.Threading;
using nanoFramework.Runtime.Native;
using OpenAmi.Firmware.Esp32.Adapters.Crypto;
using OpenAmi.Firmware.Esp32.Adapters.Modem;
using OpenAmi.Firmware.Esp32.Adapters.Mqtt;
using OpenAmi.Firmware.Esp32.Adapters.Platform;
using OpenAmi.Firmware.Esp32.Adapters.Storage;
using OpenAmi.Gateway.Ports;
using OpenAmi.Gateway.Watchdog;
using OpenAmi.Safety.Dsp;

namespace OpenAmi.Firmware.Esp32
{
    /// <summary>
    /// Device entry point. Order matters for safety: the board comes up with every SSR off and SSR_ARM low before anything
    /// else runs; configuration and networking failures only ever leave the lines off. The software watchdog (highest
    /// priority) reboots through Power when a supervised loop stalls.
    /// </summary>
    public static class Program
    {
        private const int WatchdogCheckMs = 1000;
        private const int MainLoopTimeoutMs = 60000;
        private const int WifiTimeoutMs = 60000;
        private const int FailedBootRetryMs = 60000;

        // The modem loop may wait behind AT+CMQTTSTART (120 s) plus a connect (60 s): CellularUplink.Start.
        private const int ModemLoopTimeoutMs = 300000;

        public static void Main()
        {
            Board board;
            try
            {
                board = Board.Open(new DetectorSettings().SampleRateHz);
            }
            catch (Exception ex)
            {
                // An expander that does not answer leaves SSR_ARM on its pull-down: the lines are dead. Retry from reset.
                Debug.WriteLine("board bring-up failed: " + ex.Message);
                Thread.Sleep(FailedBootRetryMs);
                Power.RebootDevice();
                return;
            }

            var clock = new DeviceClock();
            var system = new FlashFileStore("sys_");
            var watchdog = new SoftwareWatchdog(clock, new PowerReboot(system));
            new WatchdogThread(watchdog, clock, new EventWaiter(clock), WatchdogCheckMs).Start();
            WatchdogLease mainLoop = watchdog.Register("main", MainLoopTimeoutMs);

            BoardConfig config;
            byte[] caCertificate;
            HmacCommandKey commandKey;
            try
            {
                config = BoardConfig.Load();
                caCertificate = BoardConfig.ReadSecret(config.CaCertificateFile);
                commandKey = new HmacCommandKey(BoardConfig.ReadSecret(config.CommandKeyFile));
            }
            catch (Exception ex)
            {
                Debug.WriteLine("configuration rejected, lines stay off: " + ex.Message);
                HoldSafe(board, mainLoop);
                return;
            }

            var wifi = new WifiLink();
            var uplink = new CellularUplink(board.Modem, board.ModemPowerKey, clock, new M2MqttLink(config.MqttHost, config.MqttPort, caCertificate), wifi, config, caCertificate);
            uplink.Start(watchdog.Register("modem", ModemLoopTimeoutMs));
            mainLoop.CheckIn();
            if (wifi.Connect(WifiTimeoutMs))
            {
                // Reconnect(requiresDateTime: true) returns only once SNTP has set the clock.
                clock.MarkSynchronized();
            }
            else
            {
                Debug.WriteLine("Wi-Fi not ready: " + wifi.LastError);
            }

            Debug.WriteLine("OpenAMI " + config.GatewayId + " up, broker " + config.MqttHost);

            // The gateway composition (firmware/OpenAmi.Gateway/App) is not wired here yet. It takes uplink.Link (the one
            // MQTT link, Wi-Fi first), uplink.Time, clock (also its IWallClockSetter), board.Com2 (hold a route for each
            // poll transaction), board.LocalReset, commandKey, new AesBlockCipher(), new HardwareRandom() and the board's
            // other ports; until then the board holds every line off and stays supervised.
            HoldSafe(board, mainLoop);
        }

        private static void HoldSafe(Board board, WatchdogLease lease)
        {
            for (int i = 0; i < Board.LineCount; i++)
            {
                board.Lines[i].SetOn(false);
                board.Lines[i].SetArmed(false);
            }

            while (true)
            {
                lease.CheckIn();
                Thread.Sleep(MainLoopTimeoutMs / 4);
            }
        }
    }
}
