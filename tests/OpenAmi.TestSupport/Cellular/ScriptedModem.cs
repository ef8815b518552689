using System.Text;
using OpenAmi.Cellular.Ports;
using OpenAmi.Platform;

namespace OpenAmi.TestSupport;

/// <summary>
/// A host-side modem that plays a script: each expected command (or data block) the firmware writes releases the canned
/// output that follows it in the script — response lines, the "&gt;" prompt, URCs, raw bytes — optionally after a delay
/// in virtual milliseconds. Time only moves when the firmware waits, so timeouts cost nothing and are exact.
/// </summary>
public sealed class ScriptedModem : IByteLink, IMonotonicClock, IPowerKey
{
    private readonly List<Step> _steps = [];
    private readonly Queue<(long At, byte[] Data)> _output = new();
    private readonly List<byte> _written = [];
    private int _next;
    private int _outputPosition;
    private bool _started;
    private string _lastCommand = "";

    public long NowMs { get; private set; }

    /// <summary>Largest number of bytes one Read returns, to exercise split lines.</summary>
    public int MaxChunk { get; set; } = int.MaxValue;

    public List<string> Commands { get; } = [];

    /// <summary>Data blocks written after a prompt, in order.</summary>
    public List<byte[]> DataBlocks { get; } = [];

    public List<(long AtMs, bool Pressed)> PowerKey { get; } = [];

    public bool Done => _next == _steps.Count;

    // ---- script building ----

    public ScriptedModem Expect(string command) => Add(new Step(StepKind.Expect, Encoding.ASCII.GetBytes(command + "\r"), 0));

    /// <summary>A command starting with <paramref name="prefix"/> (its tail, e.g. a length, is computed by the firmware).</summary>
    public ScriptedModem ExpectPrefix(string prefix) => Add(new Step(StepKind.ExpectPrefix, Encoding.ASCII.GetBytes(prefix), 0));

    public ScriptedModem ExpectData(string data) => ExpectData(Encoding.UTF8.GetBytes(data));

    public ScriptedModem ExpectData(byte[] data) => Add(new Step(StepKind.ExpectData, data, 0));

    /// <summary>A data block whose length is the second parameter of the previous command (AT+CMQTTPAYLOAD=0,&lt;len&gt;).</summary>
    public ScriptedModem ExpectDataOfCommandLength() => Add(new Step(StepKind.ExpectDataOfLength, [], 0));

    public ScriptedModem WhenPowerKeyReleased() => Add(new Step(StepKind.PowerKeyReleased, [], 0));

    public ScriptedModem Reply(params string[] lines)
    {
        foreach (string line in lines)
        {
            Add(new Step(StepKind.Output, Encoding.UTF8.GetBytes("\r\n" + line + "\r\n"), 0));
        }

        return this;
    }

    public ScriptedModem Prompt() => Add(new Step(StepKind.Output, Encoding.ASCII.GetBytes("\r\n>"), 0));

    public ScriptedModem Raw(byte[] data) => Add(new Step(StepKind.Output, data, 0));

    public ScriptedModem Raw(string data) => Raw(Encoding.UTF8.GetBytes(data));

    /// <summary>Output after this point in the group comes <paramref name="ms"/> later.</summary>
    public ScriptedModem After(int ms) => Add(new Step(StepKind.Delay, [], ms));

    // ---- IByteLink / IMonotonicClock / IPowerKey ----

    public void Write(byte[] buffer, int offset, int count)
    {
        Start();
        for (int i = 0; i < count; i++)
        {
            _written.Add(buffer[offset + i]);
        }

        Match();
    }

    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        Start();
        if (_output.Count == 0 || _output.Peek().At > NowMs + timeoutMs)
        {
            NowMs += timeoutMs;
            return 0;
        }

        (long at, byte[] data) = _output.Peek();
        if (at > NowMs)
        {
            NowMs = at;
        }

        int n = Math.Min(Math.Min(count, MaxChunk), data.Length - _outputPosition);
        Array.Copy(data, _outputPosition, buffer, offset, n);
        _outputPosition += n;
        if (_outputPosition == data.Length)
        {
            _output.Dequeue();
            _outputPosition = 0;
        }

        return n;
    }

    public void Delay(int milliseconds) => NowMs += milliseconds;

    /// <summary>The AT UART stays at 115200 8N1; nothing here depends on line speed.</summary>
    public void Configure(int baudRate, LineFormat format) { }

    /// <summary>Drops output already due; output released later by the script still comes.</summary>
    public void DiscardInput()
    {
        while (_output.Count > 0 && _output.Peek().At <= NowMs)
        {
            _output.Dequeue();
            _outputPosition = 0;
        }
    }

    public void SetPressed(bool pressed)
    {
        Start();
        PowerKey.Add((NowMs, pressed));
        if (!pressed && _next < _steps.Count && _steps[_next].Kind == StepKind.PowerKeyReleased)
        {
            _next++;
            ReleaseOutput();
        }
    }

    /// <summary>Adds more script while the firmware runs (a later phase of a test).</summary>
    public void Continue() => ReleaseOutput();

    private ScriptedModem Add(Step step)
    {
        _steps.Add(step);
        return this;
    }

    private void Start()
    {
        if (!_started)
        {
            _started = true;
            ReleaseOutput();
        }
    }

    private void Match()
    {
        while (_next < _steps.Count)
        {
            Step step = _steps[_next];
            int need;
            switch (step.Kind)
            {
                case StepKind.Expect:
                case StepKind.ExpectData:
                    need = step.Data.Length;
                    break;
                case StepKind.ExpectDataOfLength:
                    need = int.Parse(_lastCommand.Split(',')[1]);
                    break;
                case StepKind.ExpectPrefix:
                    need = _written.IndexOf((byte)'\r') + 1;
                    if (need == 0)
                    {
                        return;
                    }

                    break;
                default:
                    return;
            }

            if (_written.Count < need)
            {
                return;
            }

            byte[] got = _written.GetRange(0, need).ToArray();
            _written.RemoveRange(0, need);
            bool ok = step.Kind switch
            {
                StepKind.ExpectPrefix => got.AsSpan().StartsWith(step.Data),
                StepKind.ExpectDataOfLength => true,
                _ => got.AsSpan().SequenceEqual(step.Data),
            };
            if (!ok)
            {
                throw new ScriptMismatchException($"step {_next}: expected {Show(step.Data)}, firmware wrote {Show(got)}");
            }

            if (step.Kind is StepKind.Expect or StepKind.ExpectPrefix)
            {
                _lastCommand = Encoding.ASCII.GetString(got, 0, got.Length - 1);
                Commands.Add(_lastCommand);
            }
            else
            {
                DataBlocks.Add(got);
            }

            _next++;
            ReleaseOutput();
        }

        if (_written.Count > 0 && _next == _steps.Count)
        {
            throw new ScriptMismatchException($"unexpected write after the script ended: {Show(_written.ToArray())}");
        }
    }

    private void ReleaseOutput()
    {
        long at = NowMs;
        while (_next < _steps.Count)
        {
            Step step = _steps[_next];
            if (step.Kind == StepKind.Delay)
            {
                at += step.DelayMs;
            }
            else if (step.Kind == StepKind.Output)
            {
                _output.Enqueue((at, step.Data));
            }
            else
            {
                return;
            }

            _next++;
        }
    }

    private static string Show(byte[] data) => "\"" + Encoding.UTF8.GetString(data).Replace("\r", "\\r").Replace("\n", "\\n") + "\"";

    private enum StepKind
    {
        Expect,
        ExpectPrefix,
        ExpectData,
        ExpectDataOfLength,
        PowerKeyReleased,
        Output,
        Delay,
    }

    private sealed record Step(StepKind Kind, byte[] Data, int DelayMs);
}

public sealed class ScriptMismatchException(string message) : Exception(message);
