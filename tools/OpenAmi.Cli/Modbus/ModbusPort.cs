using OpenAmi.Cli.Dlms;
using OpenAmi.Emulator.Modbus;
using OpenAmi.Emulator.Net;
using OpenAmi.Metering.Modbus;
using OpenAmi.Metering.Ports;
using OpenAmi.Platform;

namespace OpenAmi.Cli.Modbus;

/// <summary>
/// Where the Modbus commands (`modbus read`, `meter scan`) talk RTU: a serial device through stty, "tcp://host:port"
/// (RTU frames through a TCP serial server), or "emulator:PROFILE@BAUD[/ADDRESS][,…]" (emulated meters on a simulated bus).
/// </summary>
public sealed class ModbusPort : IDisposable
{
    public const string EmulatorPrefix = "emulator:";

    /// <summary>Modbus answers start within 200 ms on the profiled meters; a USB adapter adds its own latency.</summary>
    public const int TimeoutMs = 500;

    /// <summary>What an emulated meter reads: mains at rest with a small load, as on a live pole.</summary>
    public const double EmulatedImportKWh = 0.5, EmulatedVoltageV = 230, EmulatedPowerW = 60, EmulatedFrequencyHz = 50;

    public const string Forms = "a serial device (/dev/ttyUSB0), tcp://HOST:PORT (RTU through a TCP serial server) or "
        + "emulator:PROFILE@BAUD[/ADDRESS][,...] (emulated meters, e.g. emulator:eastron-sdm120@9600/1)";

    private readonly IDisposable? _device;

    private ModbusPort(IByteLink serial, ILineSpeed line, IMonotonicClock clock, IDisposable? device)
    {
        Serial = serial;
        Line = line;
        Clock = clock;
        _device = device;
    }

    public IByteLink Serial { get; }

    public ILineSpeed Line { get; }

    public IMonotonicClock Clock { get; }

    /// <exception cref="ArgumentException">the port is not one of the forms</exception>
    public static ModbusPort Open(string port, int baud)
    {
        if (port.StartsWith(EmulatorPrefix, StringComparison.Ordinal))
        {
            var bus = EmulatedBus(port[EmulatorPrefix.Length..], baud);
            return new ModbusPort(bus, bus, bus, null);
        }

        IByteLink link;
        IDisposable device;
        if (port.StartsWith("tcp://", StringComparison.Ordinal))
        {
            var (host, tcpPort) = TcpByteLink.ParseEndpoint(port["tcp://".Length..], 0);
            var tcp = new TcpByteLink(host, tcpPort);
            (link, device) = (tcp, tcp);
        }
        else
        {
            var serial = new SttySerialLink(port, baud, LineFormat.EightNoneOne);
            (link, device) = (serial, serial);
        }

        var rtu = new ModbusRtuLine(link, baud);
        return new ModbusPort(rtu, rtu, new HostClock(), device);
    }

    public void Dispose() => _device?.Dispose();

    /// <summary>A simulated bus at <paramref name="baud"/> with the meters of "PROFILE@BAUD[/ADDRESS],…" (address 1 by default).</summary>
    private static SimulatedModbusBus EmulatedBus(string meters, int baud)
    {
        var bus = new SimulatedModbusBus(baud);
        foreach (string spec in meters.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] parts = spec.Split('@');
            string[] speed = parts.Length == 2 ? parts[1].Split('/') : [];
            if (speed.Length == 0 || !int.TryParse(speed[0], out int meterBaud) || meterBaud <= 0)
            {
                throw new ArgumentException($"--port: '{spec}' is not PROFILE@BAUD[/ADDRESS]");
            }

            int unit = 1;
            if (speed.Length > 1 && (!int.TryParse(speed[1], out unit) || unit < 1 || unit > 247))
            {
                throw new ArgumentException($"--port: '{spec}': the address must be 1..247");
            }

            var meter = ModbusMeterSimulation.ForProfile(parts[0], unit)
                ?? throw new ArgumentException($"--port: no emulated Modbus meter '{parts[0]}' (known: {string.Join(", ", ModbusMeterSimulation.ProfileIds)})");
            meter.Baud = meterBaud;
            meter.SetState(importKWh: EmulatedImportKWh, exportKWh: 0, voltageV: EmulatedVoltageV, powerW: EmulatedPowerW, frequencyHz: EmulatedFrequencyHz);
            bus.Add(meter);
        }

        return bus;
    }
}

/// <summary>The host's monotonic milliseconds.</summary>
public sealed class HostClock : IMonotonicClock
{
    public long NowMs => Environment.TickCount64;
}
