using System.CommandLine;
using System.Text.Json.Nodes;
using OpenAmi.Cli.Bench;
using OpenAmi.Emulator.Rcm;
using OpenAmi.Safety;
using OpenAmi.Safety.Dsp;

namespace OpenAmi.Cli.Commands;

/// <summary>`openami rcm simulate`: a firmware earth-leakage trip channel on a simulated residual-current stream.</summary>
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
        var detector = new Option<string>("--detector")
        {
            Description = "block: the device's block channel on its schedule (default); streaming: the co-processor option's continuous detector",
            DefaultValueFactory = _ => Block,
        };
        var judgeMs = new Option<double?>("--judge-ms") { Description = "block: ms to judge one block on the device (default: the `bench device` model's slow end)" };
        var gapMs = new Option<double?>("--gap-ms") { Description = "block: ms from the end of one capture of the line to the start of its next (default: the model's slow end)" };
        var command = new Command("simulate", "Prints {tripped, latencyMs (onset → SSR-off command), cause, dcMa, acMa, detector[, judgeMs, gapMs]}.");
        command.Options.Add(waveform);
        command.Options.Add(ma);
        command.Options.Add(freq);
        command.Options.Add(mains);
        command.Options.Add(sampleRate);
        command.Options.Add(duration);
        command.Options.Add(detector);
        command.Options.Add(judgeMs);
        command.Options.Add(gapMs);
        command.SetAction(parse => Simulate(
            parse.GetValue(waveform)!, parse.GetValue(ma), parse.GetValue(freq), parse.GetValue(mains), parse.GetValue(sampleRate), parse.GetValue(duration),
            parse.GetValue(detector)!, parse.GetValue(judgeMs), parse.GetValue(gapMs)));
        return command;
    }

    private const string Block = "block";

    private const string Streaming = "streaming";

    private static int Simulate(string waveformName, double ma, double? freq, int mains, int sampleRate, double duration, string detector, double? judgeMs, double? gapMs)
    {
        try
        {
            var kind = Waveform.Parse(waveformName);
            var settings = new DetectorSettings { SampleRateHz = sampleRate, MainsHz = mains };
            settings.Validate();
            double frequency = freq ?? (kind == WaveformKind.Hf ? Waveform.DefaultHfHz : mains);
            var leakage = new Waveform(kind, ma, frequency, sampleRate);
            switch (detector)
            {
                case Streaming when judgeMs == null && gapMs == null:
                    return CliOutput.Json(ToJson(RcmSimulation.RunStreaming(leakage, settings, new SimulatedSensor(), duration), Streaming));
                case Block:
                    var schedule = Schedule(judgeMs, gapMs);
                    var json = ToJson(RcmSimulation.RunBlocks(leakage, settings, new SimulatedSensor(), duration, schedule), Block);
                    json["judgeMs"] = Math.Round(schedule.JudgeMs, 3);
                    json["gapMs"] = Math.Round(schedule.GapMs, 3);
                    return CliOutput.Json(json);
                case Streaming:
                    throw new ArgumentException("--judge-ms and --gap-ms belong to --detector block");
                default:
                    throw new ArgumentException($"unknown detector '{detector}': block or streaming");
            }
        }
        catch (ArgumentException e)
        {
            return CliOutput.Fail(FirstLine(e.Message), CliOutput.UsageError);
        }
    }

    /// <summary>The figures given, the rest from the device cost model (measured only when one is missing).</summary>
    private static BlockSchedule Schedule(double? judgeMs, double? gapMs)
    {
        if (judgeMs is double judge && gapMs is double gap)
        {
            return new BlockSchedule(judge, gap);
        }

        var model = DeviceBench.SlowBlockSchedule();
        return new BlockSchedule(judgeMs ?? model.JudgeMs, gapMs ?? model.GapMs);
    }

    private static JsonObject ToJson(RcmSimulationResult result, string detector) => new()
    {
        ["tripped"] = result.Tripped,
        ["latencyMs"] = result.LatencyMs is double latency ? Math.Round(latency, 3) : null,
        ["cause"] = SafetyNames.Cause(result.Cause),
        ["dcMa"] = Math.Round(result.DcMa, 3),
        ["acMa"] = Math.Round(result.AcMa, 3),
        ["detector"] = detector,
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
