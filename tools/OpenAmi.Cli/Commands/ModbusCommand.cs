using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using OpenAmi.Cli.Modbus;
using OpenAmi.Dlms;
using OpenAmi.Dlms.Cosem;
using OpenAmi.Metering.Modbus;
using OpenAmi.Metering.Profiles;

namespace OpenAmi.Cli.Commands;

/// <summary>`openami modbus read`: one Modbus RTU read, raw registers or a built-in profile's VMRS registers.</summary>
public static class ModbusCommand
{
    public static Command Create()
    {
        var command = new Command("modbus", "Modbus RTU tools for the bench: read registers over a USB RS-485 adapter, a TCP serial server or the emulator.");
        command.Subcommands.Add(Read());
        return command;
    }

    private static Command Read()
    {
        var port = new Option<string>("--port") { Description = "The bus: " + ModbusPort.Forms, Required = true };
        var baud = new Option<int>("--baud") { Description = "Line speed, 8N1 (a TCP serial server's speed is set on the server)", DefaultValueFactory = _ => 9600 };
        var unit = new Option<int>("--unit") { Description = "Slave address 1..247", DefaultValueFactory = _ => 1 };
        var function = new Option<int>("--function") { Description = "3 (read holding registers) or 4 (read input registers)", DefaultValueFactory = _ => ModbusMaster.ReadHoldingRegisters };
        var register = new Option<string?>("--register") { Description = "First register as on the wire, 0-based (decimal or 0x hex; the SDM120's 30001 is 0)" };
        var count = new Option<int>("--count") { Description = "Registers to read, 1..125", DefaultValueFactory = _ => 1 };
        var profile = new Option<string?>("--profile")
        {
            Description = "Instead of --register: read every VMRS register of this built-in Modbus profile ("
                + string.Join(", ", ModbusProfiles().Select(p => p.Id)) + "), decoded and scaled as the profile says, each layout of a model with several",
        };
        var timeout = new Option<int>("--timeout") { Description = "Milliseconds to wait for an answer", DefaultValueFactory = _ => ModbusPort.TimeoutMs };
        var command = new Command("read", "Read holding or input registers from one Modbus RTU slave (raw 16-bit words), or a built-in profile's VMRS registers. "
            + $"Emulated meters read {ModbusPort.EmulatedVoltageV} V, {ModbusPort.EmulatedImportKWh} kWh, {ModbusPort.EmulatedPowerW} W, {ModbusPort.EmulatedFrequencyHz} Hz.");
        var format = CliOutput.FormatOption();
        foreach (var o in new Option[] { port, baud, unit, function, register, count, profile, timeout, format })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse =>
        {
            var request = new ReadRequest(parse.GetValue(port)!, parse.GetValue(baud), parse.GetValue(unit), parse.GetValue(function),
                parse.GetValue(register), parse.GetValue(count), parse.GetValue(profile), parse.GetValue(timeout), parse.GetValue(format)!);
            try
            {
                return Run(request);
            }
            catch (ArgumentException e)
            {
                return CliOutput.Fail("modbus: " + e.Message, CliOutput.UsageError);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or DlmsException)
            {
                return CliOutput.Fail("modbus: " + e.Message);
            }
        });
        return command;
    }

    private sealed record ReadRequest(string Port, int Baud, int Unit, int Function, string? Register, int Count, string? Profile, int TimeoutMs, string Format)
    {
        public string Where => $"unit {Unit} on {Port}" + (Port.StartsWith(ModbusPort.EmulatorPrefix, StringComparison.Ordinal) ? "" : $" at {Baud} Bd 8N1");
    }

    private static IEnumerable<VendorProfile> ModbusProfiles() =>
        BuiltInProfiles.All.Select(json => ProfileReader.Load(json).Profile!).Where(p => p.Protocol == MeterProtocol.Modbus);

    private static int Run(ReadRequest request)
    {
        if (request.Unit is < 1 or > 247)
        {
            throw new ArgumentException("--unit: Modbus slave addresses are 1..247");
        }

        if ((request.Register == null) == (request.Profile == null))
        {
            throw new ArgumentException("give --register (with --function and --count) or --profile");
        }

        VendorProfile? model = null;
        int start = 0;
        if (request.Profile != null)
        {
            model = ModbusProfiles().FirstOrDefault(p => p.Id == request.Profile)
                ?? throw new ArgumentException($"--profile: no built-in Modbus profile '{request.Profile}' (known: {string.Join(", ", ModbusProfiles().Select(p => p.Id))})");
        }
        else
        {
            start = ParseRegister(request.Register!);
            if (request.Function is not (ModbusMaster.ReadHoldingRegisters or ModbusMaster.ReadInputRegisters))
            {
                throw new ArgumentException("--function: 3 (holding registers) or 4 (input registers)");
            }

            if (request.Count is < 1 or > ModbusMaster.MaxRegistersPerRead || start + request.Count > 0x10000)
            {
                throw new ArgumentException($"--count: 1..{ModbusMaster.MaxRegistersPerRead} registers, ending at or below 65535");
            }
        }

        using var bus = ModbusPort.Open(request.Port, request.Baud);
        var master = new ModbusMaster(bus.Serial, request.TimeoutMs);
        return model == null ? ReadRaw(master, request, start) : ReadProfile(master, request, model);
    }

    private static int ParseRegister(string text)
    {
        bool hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        if (!int.TryParse(hex ? text[2..] : text, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out int register)
            || register > 0xFFFF)
        {
            throw new ArgumentException($"--register: 0..65535 (decimal or 0x hex), got '{text}'");
        }

        return register;
    }

    private static int ReadRaw(ModbusMaster master, ReadRequest request, int start)
    {
        var status = master.ReadRegisters(request.Unit, request.Function, start, request.Count);
        if (status != ModbusStatus.Ok)
        {
            return CliOutput.Fail($"modbus: {Problem(status, master.LastExceptionCode, request)} (function {request.Function:D2}, register {start}, count {request.Count})");
        }

        var words = new JsonArray();
        var hex = new List<string>();
        for (int i = 0; i < request.Count; i++)
        {
            int word = master.Response[ModbusMaster.DataOffset + 2 * i] << 8 | master.Response[ModbusMaster.DataOffset + 2 * i + 1];
            words.Add(word);
            hex.Add(word.ToString("X4", CultureInfo.InvariantCulture));
        }

        return CliOutput.Print(new JsonObject
        {
            ["port"] = request.Port,
            ["unit"] = request.Unit,
            ["function"] = request.Function,
            ["register"] = start,
            ["count"] = request.Count,
            ["registers"] = words,
            ["hex"] = string.Join(' ', hex),
        }, request.Format);
    }

    /// <summary>Each item of the model and of each of its layouts, read and decoded as the gateway would; a silent slave fails the command.</summary>
    private static int ReadProfile(ModbusMaster master, ReadRequest request, VendorProfile model)
    {
        var items = new JsonArray();
        bool anyAnswer = false;
        ModbusStatus last = ModbusStatus.Ok;
        var layouts = new[] { ((string?)null, model.Items) }.Concat(model.Variants.Select(v => ((string?)v.Id, v.Items)));
        foreach (var (variant, layoutItems) in layouts)
        {
            foreach (var item in layoutItems.Where(i => i.Modbus != null))
            {
                var point = item.Modbus;
                var json = new JsonObject
                {
                    ["vmrs"] = item.Item.Code,
                    ["name"] = item.Item.Name,
                    ["variant"] = variant,
                    ["function"] = point.Function,
                    ["register"] = point.Register,
                    ["encoding"] = RegisterEncodings.Name(point.Encoding),
                };
                last = master.ReadRegisters(request.Unit, point.Function, point.Register, RegisterEncodings.RegisterCount(point.Encoding));
                anyAnswer |= last is ModbusStatus.Ok or ModbusStatus.Exception;
                if (last != ModbusStatus.Ok)
                {
                    json["error"] = Problem(last, master.LastExceptionCode, request);
                }
                else if (RegisterDecoder.TryDecode(master.Response, ModbusMaster.DataOffset, point.Encoding, point.Order, out double value))
                {
                    json["value"] = value * Math.Pow(10, point.Scaler);
                    json["unit"] = Units.Symbol(point.UnitCode);
                }
                else
                {
                    json["error"] = "the registers do not decode as " + RegisterEncodings.Name(point.Encoding);
                }

                items.Add(json);
            }
        }

        if (!anyAnswer)
        {
            return CliOutput.Fail($"modbus: {Problem(last, 0, request)} (profile {model.Id}: {items.Count} registers tried)");
        }

        return CliOutput.Print(new JsonObject { ["port"] = request.Port, ["unit"] = request.Unit, ["profile"] = model.Id, ["items"] = items }, request.Format);
    }

    /// <summary>What went wrong and what to check; exception names from Modbus Application Protocol V1.1b3, section 7.</summary>
    private static string Problem(ModbusStatus status, int exceptionCode, ReadRequest request) => status switch
    {
        ModbusStatus.Timeout => $"no answer from {request.Where} within {request.TimeoutMs} ms; check the A/B wiring, the unit id, the baud rate and parity, and the adapter",
        ModbusStatus.CrcError => $"the answer from {request.Where} had a wrong CRC or was cut short; check the baud rate, termination and for a second master",
        ModbusStatus.BadResponse => $"an answer that does not match the request (another unit, function or length) on {request.Port}",
        _ => $"unit {request.Unit} answered exception {exceptionCode:D2} ({ExceptionName(exceptionCode)})",
    };

    private static string ExceptionName(int code) => code switch
    {
        1 => "illegal function",
        2 => "illegal data address",
        3 => "illegal data value",
        4 => "server device failure",
        5 => "acknowledge",
        6 => "server device busy",
        8 => "memory parity error",
        10 => "gateway path unavailable",
        11 => "gateway target device failed to respond",
        _ => "unknown exception code",
    };
}
