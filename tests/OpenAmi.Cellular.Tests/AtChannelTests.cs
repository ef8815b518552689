using System.Text;
using OpenAmi.Cellular.At;
using OpenAmi.Cellular.Modem;
using OpenAmi.Cellular.Tests.Support;
using OpenAmi.Northbound.Ports;
using OpenAmi.Platform;

namespace OpenAmi.Cellular.Tests;

public sealed class AtChannelTests
{
    private static readonly byte[] Csq = Encoding.ASCII.GetBytes("+CSQ:");

    private sealed class Recorder : IUrcHandler
    {
        public List<string> Lines { get; } = [];

        public int Resets { get; private set; }

        public int OnUrc(byte[] line, int count)
        {
            Lines.Add(Encoding.ASCII.GetString(line, 0, count));
            return 0;
        }

        public void OnData(byte[] buffer, int offset, int count)
        {
        }

        public void OnModemReset() => Resets++;
    }

    private static (AtChannel, Recorder) Open(ScriptedModem modem)
    {
        AtChannel channel = new(modem, modem, 256);
        Recorder recorder = new();
        channel.AddHandler(recorder);
        return (channel, recorder);
    }

    [Fact]
    public void Information_response_is_collected_and_signal_converted_per_27007()
    {
        // 3GPP TS 27.007 section 8.5: <rssi> 2..30 = -109..-53 dBm in 2 dB steps → 21 = -113 + 42 = -71 dBm.
        ScriptedModem modem = new ScriptedModem().Expect("AT+CSQ").Reply("+CSQ: 21,99", "OK");
        (AtChannel channel, _) = Open(modem);
        channel.Command.Begin("AT+CSQ");
        Assert.Equal(AtFinal.Ok, channel.Execute(Csq, 1000));
        Assert.Equal(21, channel.Response.IntField(0, Csq.Length, 0));
        Assert.Equal(99, channel.Response.IntField(0, Csq.Length, 1));
        Assert.Equal(-71, ModemControl.RssiToDbm(21));
        Assert.Equal(-113, ModemControl.RssiToDbm(0));
        Assert.Equal(-51, ModemControl.RssiToDbm(31));
        Assert.Equal(SignalStrength.UnknownDbm, ModemControl.RssiToDbm(99)); // 99: not known or not detectable (issue 19: not 0)
        Assert.True(modem.Done);
    }

    [Fact]
    public void Cme_error_is_a_typed_failure_with_its_number()
    {
        // 27.007 section 9.2.1: +CME ERROR: 10 = "SIM not inserted".
        ScriptedModem modem = new ScriptedModem().Expect("AT+CPIN?").Reply("+CME ERROR: 10");
        (AtChannel channel, _) = Open(modem);
        channel.Command.Begin("AT+CPIN?");
        ModemException error = Assert.Throws<ModemException>(() => channel.ExecuteOk(null, 1000, "AT+CPIN?"));
        Assert.Equal(ModemErrorKind.CmeError, error.Kind);
        Assert.Equal(10, error.Code);
    }

    [Fact]
    public void Urcs_inside_a_command_go_to_the_handler_and_the_command_still_completes()
    {
        ScriptedModem modem = new ScriptedModem().Expect("AT+CSQ")
            .Reply("+CMQTTCONNLOST: 0,1").After(10).Reply("+CSQ: 5,0").Reply("+CREG: 1").Reply("OK");
        (AtChannel channel, Recorder recorder) = Open(modem);
        channel.Command.Begin("AT+CSQ");
        Assert.Equal(AtFinal.Ok, channel.Execute(Csq, 1000));
        Assert.Equal(["+CMQTTCONNLOST: 0,1", "+CREG: 1"], recorder.Lines);
        Assert.Equal(1, channel.Response.Count);
    }

    [Fact]
    public void Lines_split_into_single_bytes_and_echo_are_handled()
    {
        ScriptedModem modem = new ScriptedModem { MaxChunk = 1 }.Expect("AT+CSQ").Raw("AT+CSQ\r").Reply("+CSQ: 31,0", "OK");
        (AtChannel channel, Recorder recorder) = Open(modem);
        channel.Command.Begin("AT+CSQ");
        Assert.Equal(AtFinal.Ok, channel.Execute(Csq, 1000));
        Assert.Equal(31, channel.Response.IntField(0, Csq.Length, 0));
        Assert.Empty(recorder.Lines);
    }

    [Fact]
    public void Garbage_and_overlong_lines_are_dropped_without_breaking_the_dialogue()
    {
        byte[] noise = [0x00, 0xFF, 0x13, (byte)'\r', (byte)'\n'];
        ScriptedModem modem = new ScriptedModem().Expect("AT")
            .Raw(noise).Raw(new string('x', 600) + "\r\n").Reply("OK");
        (AtChannel channel, Recorder recorder) = Open(modem);
        channel.Command.Begin("AT");
        Assert.Equal(AtFinal.Ok, channel.Execute(null, 1000));
        Assert.Equal(1, channel.OverlongLines);
        Assert.Single(recorder.Lines);
    }

    [Fact]
    public void Timeout_throws_after_the_limit_and_a_late_answer_is_not_taken_for_the_next_command()
    {
        ScriptedModem modem = new ScriptedModem()
            .Expect("AT+CEREG?").After(5000).Reply("+CEREG: 0,1", "OK")
            .Expect("AT+CMEE?").Reply("+CMEE: 1", "OK")
            .Expect("AT+CSQ").Reply("+CSQ: 10,0", "OK");
        (AtChannel channel, _) = Open(modem);
        channel.Command.Begin("AT+CEREG?");
        long before = modem.NowMs;
        ModemException error = Assert.Throws<ModemException>(() => channel.Execute(null, 3000));
        Assert.Equal(ModemErrorKind.Timeout, error.Kind);
        Assert.Equal(3000, modem.NowMs - before);

        channel.Command.Begin("AT+CSQ");
        Assert.Equal(AtFinal.Ok, channel.Execute(Csq, 3000));
        Assert.Equal(10, channel.Response.IntField(0, Csq.Length, 0));
    }

    [Fact]
    public void Data_is_written_only_after_the_prompt()
    {
        ScriptedModem modem = new ScriptedModem().Expect("AT+CMQTTTOPIC=0,3").Prompt().ExpectData("a/b").Reply("OK");
        (AtChannel channel, _) = Open(modem);
        channel.Command.Begin("AT+CMQTTTOPIC=0,3");
        byte[] data = Encoding.ASCII.GetBytes("a/b");
        Assert.Equal(AtFinal.Ok, channel.ExecuteWithData(data, 0, 3, 1000));
        Assert.True(modem.Done);
    }

    [Fact]
    public void Start_up_banner_inside_a_command_is_a_reset()
    {
        ScriptedModem modem = new ScriptedModem().Expect("AT+CSQ").Reply("RDY");
        (AtChannel channel, Recorder recorder) = Open(modem);
        channel.Command.Begin("AT+CSQ");
        ModemException error = Assert.Throws<ModemException>(() => channel.Execute(Csq, 1000));
        Assert.Equal(ModemErrorKind.Reset, error.Kind);
        Assert.Equal(1, recorder.Resets);
    }

    [Fact]
    public void Quoted_parameters_refuse_a_quote()
    {
        ScriptedModem modem = new();
        (AtChannel channel, _) = Open(modem);
        ModemException error = Assert.Throws<ModemException>(() => channel.Command.Begin("AT+CMQTTACCQ=0,").Quoted("a\"b"));
        Assert.Equal(ModemErrorKind.InvalidArgument, error.Kind);
    }

    /// <summary>Answers every command with the same canned bytes and allocates nothing itself.</summary>
    private sealed class CannedPort : IByteLink, IMonotonicClock
    {
        private readonly byte[] _answer = Encoding.ASCII.GetBytes("\r\n+CSQ: 7,0\r\n\r\nOK\r\n");
        private int _position = -1;

        public long NowMs { get; private set; }

        public void Write(byte[] buffer, int offset, int count) => _position = 0;

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            if (_position < 0 || _position == _answer.Length)
            {
                NowMs += timeoutMs;
                return 0;
            }

            int n = Math.Min(count, _answer.Length - _position);
            Array.Copy(_answer, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public void Delay(int milliseconds) => NowMs += milliseconds;

        public void Configure(int baudRate, LineFormat format) { }

        public void DiscardInput() { }
    }

    [Fact]
    public void Building_and_running_a_command_allocates_nothing()
    {
        CannedPort port = new();
        AtChannel channel = new(port, port, 256);
        channel.Command.Begin("AT+CSQ");
        channel.Execute(Csq, 1000);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            channel.Command.Begin("AT+CMQTTPUB=").Append(0).Comma().Append(1).Comma().Append(60).Comma().Append(0).Comma().Append(1);
            channel.Execute(Csq, 1000);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(7, channel.Response.IntField(0, Csq.Length, 0));
    }
}
