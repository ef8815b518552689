using System.CommandLine;
using System.Text.Json.Nodes;
using OpenAmi.Emulator.Rcm;
using OpenAmi.Safety;
using OpenAmi.Safety.Dsp;

namespace OpenAmi.Cli.Commands;

/// <summary>`openami rcm simulate`: the firmware earth-leakage DSP on a simulated residual-current stream.</summary>
public static class RcmCommand
{
    public static Command Create()
    {
        var rcm = new Command("rcm", "Residual-current monitoring: run the firmware trip DSP on simulated leakage.");
        rcm.Subcommands.Add(CreateSimulate());
        return rcm;
    }

    private static Command CreateSimulate()
    {
        var waveform = new Option<string>("--waveform") { Description = "dc | ac | halfwave | phase90 | phase135 | acdc | hf", Required = true };
        var ma = new Option<double>("--ma") { Description = "leakage in mA: the mean for dc, the RMS for every other waveform", Required = true };
        var freq = new Option<double?>("--freq") { Description = "frequency of the leakage in Hz (default: mains; 1000 for hf)" };
        var mains = new Option<int>("--mains") { Description = "mains frequency, 50 or 60 Hz", DefaultValueFactory = _ => 50 };
        var sampleRate = new Option<int>("--sample-rate") { Description = "samples per second (a whole multiple of mains)", DefaultValueFactory = _ => 2400 };
        var duration = new Option<double>("--duration") { Description = "seconds of leakage to simulate after the onset", DefaultValueFactory = _ => 1.0 };
        var command = new Command("simulate", "Prints {tripped, latencyMs (onset → SSR-off command), cause, dcMa, acMa}.");
        command.Options.Add(waveform);
        command.Options.Add(ma);
        command.Options.Add(freq);
        command.Options.Add(mains);
        command.Options.Add(sampleRate);
        command.Options.Add(duration);
        command.SetAction(parse => Simulate(
            parse.GetValue(waveform)!, parse.GetValue(ma), parse.GetValue(freq), parse.GetValue(mains), parse.GetValue(sampleRate), parse.GetValue(duration)));
        return command;
    }

    private static int Simulate(string waveformName, double ma, double? freq, int mains, int sampleRate, double duration)
    {
        try
        {
            var kind = Waveform.Parse(waveformName);
            var settings = new DetectorSettings { SampleRateHz = sampleRate, MainsHz = mains };
            settings.Validate();
            double frequency = freq ?? (kind == WaveformKind.Hf ? Waveform.DefaultHfHz : mains);
            var result = RcmSimulation.Run(new Waveform(kind, ma, frequency, sampleRate), settings, new SimulatedSensor(), duration);
            return CliOutput.Json(ToJson(result));
        }
        catch (ArgumentException e)
        {
            return CliOutput.Fail(FirstLine(e.Message), CliOutput.UsageError);
        }
    }

    internal static JsonObject ToJson(RcmSimulationResult result) => new()
    {
        ["tripped"] = result.Tripped,
        ["latencyMs"] = result.LatencyMs is double latency ? Math.Round(latency, 3) : null,
        ["cause"] = SafetyNames.Cause(result.Cause),
        ["dcMa"] = Math.Round(result.DcMa, 3),
        ["acMa"] = Math.Round(result.AcMa, 3),
    };

    private static string FirstLine(string message)
    {
        // ArgumentException appends " (Parameter 'x')"; the user needs the sentence only.
        int end = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        message = end < 0 ? message : message[..end];
        end = message.IndexOf('\n');
        return end < 0 ? message : message[..end].TrimEnd();
    }
}
