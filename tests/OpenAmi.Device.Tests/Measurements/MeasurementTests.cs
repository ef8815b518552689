using OpenAmi.Safety.Events;
using nanoFramework.TestFramework;
using OpenAmi.Device.Tests.Support;
using OpenAmi.Device.Tests.Vectors;
using OpenAmi.Dlms.Apdu;
using OpenAmi.Dlms.Hdlc;
using OpenAmi.Json;
using OpenAmi.Prepaid.OpenPayGo;
using OpenAmi.Safety.Dsp;
using OpenAmi.TestVectors;

namespace OpenAmi.Device.Tests.Measurements
{
    /// <summary>
    /// The figures the device cost model (docs/device-subset.md, "Cost") only estimates, printed as "figure: …" lines
    /// for the table in docs/bench-testing.md. Each test asserts the budget the design needs, never a time it happened
    /// to take: a slower board fails only when the design no longer holds.
    /// </summary>
    [TestClass]
    public class MeasurementTests
    {
        /// <summary>One mains cycle: the block channel must judge a block before the next is captured (docs/safety.md).</summary>
        private const long RcmBlockBudgetUs = 20000;

        /// <summary>One byte at 9600 Bd 8N1: decoding must keep up with the RS-485 line that delivers the frame.</summary>
        private const long WireMicrosecondsPerByte = 10 * 1000000 / 9600;

        /// <summary>A 9600 Bd register read (GET request and response, ≈ 50 bytes on the wire): publishing must not cost more.</summary>
        private const long EnvelopeBudgetUs = 50 * WireMicrosecondsPerByte;

        /// <summary>
        /// The OpenPAYGO procedure allows 5 s per token; an invalid token costs (last count + 65) chain steps
        /// (docs/prepaid.md). The budget keeps that within 5 s up to a last count of 1000.
        /// </summary>
        private const long OpenPaygoStepBudgetUs = 5000000 / (1000 + 65);

        /// <summary>The parts below must leave most of the 79–115 KB managed heap of a no-PSRAM ESP32 (docs/device-subset.md).</summary>
        private const long ComposedPartsBudgetBytes = 16 * 1024;

        [TestMethod]
        public void RcmBlockJudgement()
        {
            // The 25 mA AC block: an AC trip runs the whole judgement, classification included.
            RcmBlock block = RcmVectors.Blocks[3];
            Assert.AreEqual((int)TripCause.Ac, (int)block.Cause);
            BlockTripChannel channel = SafetyVectorTests.Channel(block.OffsetCounts);
            const int Iterations = 50;
            long start = Figure.Start();
            for (int i = 0; i < Iterations; i++)
            {
                channel.Judge(block.Counts, 0, block.Counts.Length, RcmVectors.CycleMicroseconds);
            }

            long us = Figure.MicrosecondsPer(start, Iterations);
            Figure.Print("rcm_block_us", us, "µs per 48-sample block");
            Assert.IsTrue(us <= RcmBlockBudgetUs, "a block must be judged within one mains cycle");
        }

        [TestMethod]
        public void HdlcAndApduDecode()
        {
            byte[] bytes = Hex.Bytes(DlmsVectors.IFrameAare);
            var frame = new HdlcFrame();
            const int Iterations = 50;
            long start = Figure.Start();
            for (int i = 0; i < Iterations; i++)
            {
                HdlcCodec.Scan(bytes, 0, bytes.Length, frame, out _);
                // The information field after the 3-byte LLC header is the AARE.
                ApduCodec.Decode(frame.Buffer, frame.InfoOffset + 3, frame.InfoCount - 3);
            }

            long us = Figure.MicrosecondsPer(start, Iterations);
            Figure.Print("hdlc_apdu_decode_us", us, "µs per " + bytes.Length.ToString() + "-byte AARE frame");
            Assert.IsTrue(us <= bytes.Length * WireMicrosecondsPerByte, "decoding must keep up with a 9600 Bd line");
        }

        [TestMethod]
        public void EnvelopeBuild()
        {
            var writer = new JsonWriter();
            NorthboundVectorTests.WriteSpecExample(writer);
            const int Iterations = 20;
            long start = Figure.Start();
            for (int i = 0; i < Iterations; i++)
            {
                NorthboundVectorTests.WriteSpecExample(writer);
            }

            long us = Figure.MicrosecondsPer(start, Iterations);
            Figure.Print("envelope_build_us", us, "µs per 3-register envelope (spec example)");
            Assert.IsTrue(us <= EnvelopeBudgetUs, "an envelope must cost less than the register read it carries");
        }

        [TestMethod]
        public void OpenPaygoCountStep()
        {
            OpenPaygoDevice device = OpenPaygoVectors.Device1;
            var decoder = new OpenPaygoDecoder(Hex.Bytes(device.KeyHex), device.StartingCode, OpenPaygoWindows.Default);
            // Device 2's first token entered into device 1: no count in the window matches, so the decoder walks the
            // whole window (the host's OpenPaygoVectorTests counts 1 + 64 SipHash calls for it).
            string foreign = FirstTokenOf(OpenPaygoVectors.Device2);
            long start = Figure.Start();
            OpenPaygoDecodeResult result = decoder.Decode(foreign, false, false, OpenPaygoCountState.Fresh(device.Count));
            long us = Figure.MicrosecondsPer(start, (int)result.HashCalls);
            Assert.AreEqual((int)OpenPaygoDecodeStatus.Invalid, (int)result.Status);
            Figure.Print("openpaygo_step_us", us, "µs per count step (" + result.HashCalls.ToString() + " steps)");
            Assert.IsTrue(us <= OpenPaygoStepBudgetUs, "a token must decode within 5 s up to a last count of 1000");
        }

        [TestMethod]
        public void FreeHeapAfterComposingTheMeasuredParts()
        {
            uint before = nanoFramework.Runtime.Native.GC.Run(true);
            OpenPaygoDevice device = OpenPaygoVectors.Device1;
            var parts = new object[]
            {
                SafetyVectorTests.Channel(0),
                new HdlcFrame(),
                new JsonWriter(),
                new OpenPaygoDecoder(Hex.Bytes(device.KeyHex), device.StartingCode, OpenPaygoWindows.Default),
                new OpenAmi.Dlms.Security.DlmsCipher(new OpenAmi.Firmware.Esp32.Adapters.Crypto.AesBlockCipher(), 1024),
            };
            uint after = nanoFramework.Runtime.Native.GC.Run(true);
            long held = (long)before - after;
            Figure.Print("free_heap_bytes", after, "B free after GC.Run(true) with the parts composed");
            Figure.Print("composed_parts_bytes", held, "B held by the " + parts.Length.ToString() + " hot-path parts");
            Assert.IsTrue(held <= ComposedPartsBudgetBytes, "the hot-path parts must leave the heap to the gateway");
        }

        private static string FirstTokenOf(OpenPaygoDevice device)
        {
            for (int r = 0; r < OpenPaygoVectors.Rows.Length; r++)
            {
                if (OpenPaygoVectors.Rows[r].Device == device)
                {
                    return OpenPaygoVectors.Rows[r].Tokens[0];
                }
            }

            return null;
        }
    }
}
