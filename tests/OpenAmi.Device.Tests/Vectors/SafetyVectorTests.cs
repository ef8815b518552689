using nanoFramework.TestFramework;
using OpenAmi.Safety.Dsp;
using OpenAmi.TestVectors;

namespace OpenAmi.Device.Tests.Vectors
{
    /// <summary>The block trip channel on the blocks of tests/vectors/RcmVectors.cs, with the device's floating point.</summary>
    [TestClass]
    public class SafetyVectorTests
    {
        [TestMethod]
        public void EachBlockGetsItsVerdictCauseAndMagnitude()
        {
            for (int i = 0; i < RcmVectors.Blocks.Length; i++)
            {
                RcmBlock block = RcmVectors.Blocks[i];
                BlockTripChannel channel = Channel(block.OffsetCounts);
                Assert.AreEqual((int)block.Verdict, (int)channel.Judge(block.Counts, 0, block.Counts.Length, RcmVectors.CycleMicroseconds), block.Name);
                Assert.AreEqual((int)block.Cause, (int)channel.LastCause, block.Name);
                double error = channel.LastMagnitudeMa - block.MagnitudeMa;
                Assert.IsTrue((error < 0 ? -error : error) <= block.ToleranceMa, block.Name + ": " + channel.LastMagnitudeMa.ToString());
            }
        }

        /// <summary>The channel every RCM vector is judged by (settings in RcmVectors).</summary>
        internal static BlockTripChannel Channel(int offsetCounts)
        {
            var settings = new DetectorSettings { HighSetMa = RcmVectors.HighSetMa };
            return new BlockTripChannel(settings, new Calibration(offsetCounts, 1.0 / RcmVectors.CountsPerMa),
                RcmVectors.RailLowCounts, RcmVectors.RailHighCounts);
        }
    }
}
