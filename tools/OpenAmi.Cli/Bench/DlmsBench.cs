using System.Diagnostics;
using OpenAmi.Dlms.Apdu;
using OpenAmi.Dlms.Axdr;
using OpenAmi.Dlms.Client;
using OpenAmi.Dlms.Cosem;
using OpenAmi.Dlms.Hdlc;
using OpenAmi.Emulator.Bus;
using OpenAmi.Emulator.Dlms;

namespace OpenAmi.Cli.Bench;

/// <summary>
/// `openami bench dlms`: frame decode rate and bytes allocated per GET.response frame (one register; a
/// 10-attribute with-list answer), and a full VMRS read of one emulated meter over the simulated 9600 Bd bus
/// against the theoretical wire time of the bytes it carried. Decode rates are steady-state figures
/// (<see cref="Measure.SteadyState"/>): the sampling loop runs the warmed code, not the first calls.
/// </summary>
public static class DlmsBench
{
    private const string Area = "dlms";

    public static BenchReport Run()
    {
        var rows = new List<BenchRow>();
        var single = ResponseFrame(new GetResponse
        {
            Results = new[] { new DataResult(DataValue.FromInteger(DataType.DoubleLongUnsigned, 1234567)) },
        });
        var list = ResponseFrame(new GetResponse
        {
            VariantNumber = GetResponse.WithList,
            Results = Enumerable.Range(0, 10).Select(i => new DataResult(DataValue.FromInteger(DataType.DoubleLongUnsigned, 1000 + i))).ToArray(),
        });

        var decoder = new FrameDecoder();
        var hdlc = Measure.SteadyState(() => decoder.HdlcOnly(single), 200_000);
        rows.Add(new BenchRow(Area, "hdlc frame decode (GET.response, 1 register)", hdlc.OpsPerSecond, "frames/s", $"{single.Length} B frame, FCS/HCS checked; {Measure.SteadyConditions}"));
        rows.Add(new BenchRow(Area, "hdlc frame decode allocation", hdlc.BytesPerOp, "B/frame", "caller-owned reader buffer"));
        var one = Measure.SteadyState(() => decoder.Full(single), 200_000);
        rows.Add(new BenchRow(Area, "frame+APDU decode, GET.response 1 register", one.OpsPerSecond, "frames/s", $"{single.Length} B frame; {Measure.SteadyConditions}"));
        rows.Add(new BenchRow(Area, "allocated per GET.response, 1 register", one.BytesPerOp, "B/frame", "GetResponse + result + DataValue"));
        var ten = Measure.SteadyState(() => decoder.Full(list), 100_000);
        rows.Add(new BenchRow(Area, "frame+APDU decode, GET.response with-list 10", ten.OpsPerSecond, "frames/s", $"{list.Length} B frame; {Measure.SteadyConditions}"));
        rows.Add(new BenchRow(Area, "allocated per GET.response, with-list 10", ten.BytesPerOp, "B/frame", "10 results, double-long-unsigned"));
        rows.AddRange(VmrsRead());
        return new BenchReport(Area, rows);
    }

    /// <summary>HDLC frame and APDU decode of a one-register GET.response (reused reader and frame), per call.</summary>
    public static Action GetResponseDecode()
    {
        var single = ResponseFrame(new GetResponse
        {
            Results = new[] { new DataResult(DataValue.FromInteger(DataType.DoubleLongUnsigned, 1234567)) },
        });
        var decoder = new FrameDecoder();
        return () => decoder.Full(single);
    }

    /// <summary>What the client does with an answer: frames out of the byte stream, then the APDU with a reused reader.</summary>
    private sealed class FrameDecoder
    {
        private readonly HdlcFrame _frame = new();
        private readonly HdlcFrameReader _reader = new(0);
        private readonly AxdrReader _axdr = new(new byte[1], 0, 0);

        public void HdlcOnly(byte[] bytes)
        {
            _reader.Append(bytes, 0, bytes.Length);
            _reader.TryRead(_frame);
        }

        public void Full(byte[] bytes)
        {
            HdlcOnly(bytes);
            // Skip the LLC header (E6 E7 00) as the client does, then decode the APDU with a reused reader.
            _axdr.Reset(_frame.Buffer, _frame.InfoOffset + 3, _frame.InfoCount - 3);
            ApduCodec.Decode(_axdr);
        }
    }

    private static byte[] ResponseFrame(GetResponse response)
    {
        var info = new byte[512];
        info[0] = 0xE6;
        info[1] = 0xE7;
        int n = ApduCodec.Encode(response, info, 3, info.Length) + 3;
        var frame = new byte[600];
        int length = HdlcCodec.Encode(frame, 0, HdlcAddress.Client(1), HdlcAddress.Server(1, 17, 2), HdlcControl.Information(0, 1, true), false, info, 0, n);
        return frame[..length];
    }

    /// <summary>The VMRS registers an emulated Sunbird meter exposes: values, scalers, clock, serial, status, credit, relay.</summary>
    public static AttributeReference[] VmrsAttributes(MeterProfile p)
    {
        var registers = new[] { new ObisCode(1, 0, 1, 8, 0, 255), new ObisCode(1, 0, 2, 8, 0, 255), new ObisCode(1, 0, 1, 7, 0, 255), new ObisCode(1, 0, 32, 7, 0, 255), new ObisCode(1, 0, 14, 7, 0, 255), p.Credit };
        return registers.SelectMany(r => new[] { new AttributeReference(CosemClass.Register, r, 2), new AttributeReference(CosemClass.Register, r, 3) })
            .Concat(new[]
            {
                new AttributeReference(CosemClass.Clock, CosemClass.ClockObject, 2),
                new AttributeReference(CosemClass.Data, new ObisCode(0, 0, 0, 1, 0, 255), 2),
                new AttributeReference(CosemClass.Data, p.SerialNumber, 2),
                new AttributeReference(CosemClass.Data, new ObisCode(0, 0, 96, 5, 0, 255), 2),
                new AttributeReference(CosemClass.DisconnectControl, p.Disconnect, 3),
                new AttributeReference(CosemClass.Data, new ObisCode(0, 0, 96, 11, 5, 255), 2),
            }).ToArray();
    }

    private static IEnumerable<BenchRow> VmrsRead()
    {
        const int baud = 9600;
        var bus = new SimulatedBus();
        var profile = MeterProfile.Sunbird with { DefaultBaud = baud };
        using var meter = new EmulatedMeter(bus, profile) { TurnaroundMs = 0 };
        var port = bus.Attach("gateway", baud);
        var client = new DlmsClient(port, profile.ClientSettings(), null, null);
        var attributes = VmrsAttributes(profile);
        var watch = Stopwatch.StartNew();
        client.Open();
        var results = client.GetMany(attributes);
        client.Close();
        watch.Stop();
        if (results.Any(r => !r.Success))
        {
            throw new InvalidOperationException("VMRS read of the emulated meter failed");
        }

        double wireMs = bus.BytesCarried * 10.0 * 1000 / baud;
        string conditions = $"{profile.Name}, {attributes.Length} attributes (with-list, 10 per request), SNRM+AARQ+GETs+RLRQ+DISC, {bus.BytesCarried} B on the wire";
        yield return new BenchRow(Area, "VMRS read of one emulated meter @9600 Bd", watch.Elapsed.TotalMilliseconds, "ms", conditions);
        yield return new BenchRow(Area, "theoretical wire time of the same bytes", wireMs, "ms", "10 bits per byte at 9600 Bd");
        yield return new BenchRow(Area, "VMRS read overhead over wire time", watch.Elapsed.TotalMilliseconds / wireMs, "x", "1.0 = line fully busy; rest is turnaround and host scheduling");
    }
}
