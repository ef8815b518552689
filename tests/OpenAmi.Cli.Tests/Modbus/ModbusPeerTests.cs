using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using OpenAmi.Cli.Dlms;
using OpenAmi.Cli.Tests.Support;
using OpenAmi.Emulator.Modbus;
using OpenAmi.Emulator.Net;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Modbus;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Profiles;
using OpenAmi.Platform;

namespace OpenAmi.Cli.Tests.Modbus;

/// <summary>
/// Modbus against peers nobody here wrote (Debian packages, installed by tools/scripts/install-deps.sh):
/// python3-pymodbus 3.0 as an RTU slave over a socat pty pair and as an RTU-over-TCP server, read by the firmware's
/// Modbus reader with the built-in Eastron SDM120 profile; and mbpoll as an independent master reading the
/// emulator's Modbus meters through its Modbus TCP server. Register values are encoded by Python's struct (pymodbus
/// side) or by the emulator's datasheet maps (mbpoll side); the expected figures are the ones the test hands in.
/// </summary>
public class ModbusPeerTests
{
    private static readonly string Slave = Path.Combine(AppContext.BaseDirectory, "Modbus", "pymodbus_slave.py");
    private static readonly VendorProfile Sdm120 = ProfileReader.Load(BuiltInProfiles.EastronSdm120).Profile!;

    // SDM120 registers (Eastron protocol table): 30001 voltage = 0x0000, 30073 import energy = 0x0048 (72),
    // holding 464513 serial = 0xFC00. Active power (30013) is left out on purpose: pymodbus must refuse it.
    private static readonly string[] SlaveRegisters = { "--unit", "1", "--input", "0=230.5", "--input", "72=1234.5", "--holding", "0xFC00=12345678" };

    [Fact]
    public void PymodbusRtuSlaveOverAPtyPair() => WithPymodbusOnAPty(master =>
    {
        using var link = new SttySerialLink(master, 9600, LineFormat.EightNoneOne);
        AssertReadsTheSlave(new ModbusRtuLine(link, 9600));
    });

    /// <summary>pymodbus as an RTU slave on one side of a socat pty pair; <paramref name="test"/> gets the master side.</summary>
    private static void WithPymodbusOnAPty(Action<string> test)
    {
        string dir = Directory.CreateTempSubdirectory("openami-pty").FullName;
        try
        {
            string master = Path.Combine(dir, "master"), slaveSide = Path.Combine(dir, "slave");
            using var socat = Helper.Start("socat", $"pty,raw,echo=0,link={master}", $"pty,raw,echo=0,link={slaveSide}");
            Assert.True(SpinWait.SpinUntil(() => File.Exists(master) && File.Exists(slaveSide), 5000), "socat made no pty pair");
            using var slave = Helper.Start("/usr/bin/python3", new[] { Slave, "--serial", slaveSide }.Concat(SlaveRegisters).ToArray());
            test(master);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void PymodbusRtuOverTcpServer()
    {
        int port = LoopbackPort.Free();
        using var slave = Helper.Start("/usr/bin/python3", new[] { Slave, "--tcp", port.ToString(CultureInfo.InvariantCulture) }.Concat(SlaveRegisters).ToArray());
        TcpByteLink? link = null;
        Assert.True(SpinWait.SpinUntil(() =>
        {
            try
            {
                link = new TcpByteLink("127.0.0.1", port, 500);
                return true;
            }
            catch (OpenAmi.Dlms.DlmsException)
            {
                Thread.Sleep(100);
                return false;
            }
        }, 10000), "pymodbus TCP server did not start");
        using (link)
        {
            AssertReadsTheSlave(new ModbusRtuLine(link!, 9600));
        }
    }

    [Fact]
    public void ModbusReadCommandReadsPymodbusOverATcpSerialServer()
    {
        int port = LoopbackPort.Free();
        using var slave = Helper.Start("/usr/bin/python3", new[] { Slave, "--tcp", port.ToString(CultureInfo.InvariantCulture) }.Concat(SlaveRegisters).ToArray());
        WaitForListener(port);
        string endpoint = $"tcp://127.0.0.1:{port}";

        // 230.5 as IEEE 754 single, high word first: sign 0, exponent 7 + 127 = 0x86, fraction .80078125 → 0x4366 0x8000.
        var raw = OpenAmiCli.Run("modbus", "read", "--port", endpoint, "--unit", "1", "--function", "4", "--register", "0", "--count", "2");
        raw.AssertSucceededQuietly();
        Assert.Equal("4366 8000", raw.Document["hex"]!.GetValue<string>());
        Assert.Equal([0x4366, 0x8000], raw.Document["registers"]!.AsArray().Select(w => w!.GetValue<int>()));

        // The SDM120 profile: V and kWh as handed to pymodbus (the profile scales kWh to Wh, 10^3), 30013 missing.
        var profile = OpenAmiCli.Run("modbus", "read", "--port", endpoint, "--profile", "eastron-sdm120");
        profile.AssertSucceededQuietly();
        var items = profile.Document["items"]!.AsArray().ToDictionary(i => i!["vmrs"]!.GetValue<string>(), i => i!.AsObject());
        Assert.Equal(230.5, items["32.7.0"]["value"]!.GetValue<double>());
        Assert.Equal(1_234_500, items["1.8.0"]["value"]!.GetValue<double>());
        Assert.Equal("Wh", items["1.8.0"]["unit"]!.GetValue<string>());
        Assert.Equal(12345678, items["0.0.96.1.1.255"]["value"]!.GetValue<double>());
        Assert.Equal("unit 1 answered exception 02 (illegal data address)", items["1.7.0"]["error"]!.GetValue<string>());

        // A unit pymodbus has no context for stays silent: the error names what was tried and what to check.
        var silent = OpenAmiCli.Run("modbus", "read", "--port", endpoint, "--unit", "7", "--function", "4", "--register", "0", "--timeout", "300");
        silent.AssertFailedWithOneLine();
        Assert.Contains($"no answer from unit 7 on {endpoint} at 9600 Bd 8N1 within 300 ms; check the A/B wiring", silent.Err);
    }

    [Fact]
    public void ModbusReadCommandReadsPymodbusOverAPtyPair() => WithPymodbusOnAPty(master =>
    {
        CliResult? read = null;
        // The slave starts asynchronously: ask until it answers (at most 10 s).
        Assert.True(SpinWait.SpinUntil(() => (read = OpenAmiCli.Run("modbus", "read", "--port", master, "--function", "3", "--register", "0xFC00", "--count", "2")).Exit == 0, 10000),
            read?.Err);
        // 12345678 = 0x00BC614E, high word first.
        Assert.Equal("00BC 614E", read!.Document["hex"]!.GetValue<string>());
    });

    private static void WaitForListener(int port) =>
        Assert.True(SpinWait.SpinUntil(() =>
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
                return false;
            }
        }, 10000), "pymodbus TCP server did not start");

    [Fact]
    public void MbpollReadsTheEmulatorsModbusMeters()
    {
        var sdm = new Sdm120Simulation(1, serialNumber: 20_261_207);
        sdm.SetState(importKWh: 1842.5, exportKWh: 3.25, voltageV: 230.1, powerW: 1375, frequencyHz: 50.02);
        var chint = new Ddsu666Simulation(2);
        chint.SetState(importKWh: 77.75, exportKWh: 0, voltageV: 228.5, powerW: 500, frequencyHz: 49.98);
        using var server = new ModbusTcpServer(0, sdm, chint);
        string port = server.Port.ToString(CultureInfo.InvariantCulture);

        // -0: register numbers as on the wire; -B: high word first; -1: one poll. SDM120 input registers 0 (V), 72 (kWh).
        Assert.Equal(230.1, Mbpoll("-m", "tcp", "-p", port, "-a", "1", "-t", "3:float", "-B", "-0", "-r", "0", "-c", "1", "-1", "127.0.0.1")[0], 3);
        Assert.Equal(1842.5, Mbpoll("-m", "tcp", "-p", port, "-a", "1", "-t", "3:float", "-B", "-0", "-r", "72", "-c", "1", "-1", "127.0.0.1")[0], 3);
        Assert.Equal(20_261_207, Mbpoll("-m", "tcp", "-p", port, "-a", "1", "-t", "4:int", "-B", "-0", "-r", "64512", "-c", "1", "-1", "127.0.0.1")[0]);
        // DDSU666: holding registers 0x2000 (V, 8192) and 0x4000 (kWh, 16384).
        var chintValues = Mbpoll("-m", "tcp", "-p", port, "-a", "2", "-t", "4:float", "-B", "-0", "-r", "8192", "-c", "1", "-1", "127.0.0.1");
        Assert.Equal(228.5, chintValues[0], 3);
        Assert.Equal(77.75, Mbpoll("-m", "tcp", "-p", port, "-a", "2", "-t", "4:float", "-B", "-0", "-r", "16384", "-c", "1", "-1", "127.0.0.1")[0], 3);

        // A unit nobody answers for: the gateway exception, which mbpoll reports as a failed poll.
        var failed = ExternalProcess.Run("mbpoll", new[] { "-m", "tcp", "-p", port, "-a", "9", "-t", "3:float", "-B", "-0", "-r", "0", "-c", "1", "-1", "127.0.0.1" });
        Assert.True(failed.Exit != 0 || !failed.Out.Contains("[0]:"), failed.Out + failed.Err);
    }

    private static void AssertReadsTheSlave(IByteLink serial)
    {
        var reader = new ModbusMeterReader(new ModbusMaster(serial, 500));
        reader.AddMeter(1, Sdm120);
        var value = new MeterValue();
        // The slave starts asynchronously: poll until it answers (at most 10 s).
        Assert.True(SpinWait.SpinUntil(() => reader.Read(1, Target("32.7.0"), value) == ReadStatus.Ok, 10000), "no answer from pymodbus");
        Assert.Equal(230.5, value.Number);
        Assert.Equal(ReadStatus.Ok, reader.Read(1, Target("1.8.0"), value));
        Assert.Equal(1234.5, value.Number);
        Assert.Equal(ReadStatus.Ok, reader.Read(1, Target("0.0.96.1.1.255"), value));
        Assert.Equal(12345678, value.Number);
        // Register 30013 is not in pymodbus's block: exception 02 (illegal data address), Modbus Application Protocol V1.1b3 §7.
        Assert.Equal(ReadStatus.ObjectUndefined, reader.Read(1, Target("1.7.0"), value));
        Assert.Equal(2, reader.Master.LastExceptionCode);
        // Another unit: pymodbus stays silent (no context for it), the reader times out.
        reader.AddMeter(7, Sdm120);
        Assert.Equal(ReadStatus.NoResponse, reader.Read(7, Target("32.7.0"), value));
    }

    private static CosemAttributeRef Target(string code) => Sdm120.Items.Single(i => i.Item.Code == code).Target;

    private static double[] Mbpoll(params string[] args)
    {
        var run = ExternalProcess.Run("mbpoll", args);
        Assert.True(run.Exit == 0, run.Out + run.Err);
        var values = Regex.Matches(run.Out, @"^\[\d+\]:\s+(\S+)", RegexOptions.Multiline)
            .Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToArray();
        Assert.True(values.Length > 0, run.Out);
        return values;
    }


    /// <summary>A peer process this test started; stopped (by its own handle) when the test ends.</summary>
    private sealed class Helper : IDisposable
    {
        private readonly Process _process;

        private Helper(Process process) => _process = process;

        public static Helper Start(string file, params string[] args)
        {
            var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in args)
            {
                start.ArgumentList.Add(a);
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start " + file);
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return new Helper(process);
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(5000);
            }

            _process.Dispose();
        }
    }
}
