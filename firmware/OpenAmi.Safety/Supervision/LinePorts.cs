using System;
using OpenAmi.Safety.Ports;

namespace OpenAmi.Safety.Supervision
{
    /// <summary>The per-line hardware a LineGuard owns.</summary>
    public sealed class LinePorts
    {
        /// <summary>
        /// <paramref name="testLoop"/> is the line's independent test loop, null on a board without one: with it the
        /// self-test measures the gain and refuses a line outside the accepted window.
        /// </summary>
        public LinePorts(IResidualSampleSource samples, ILineSwitch lineSwitch, ITripInputs tripInputs, ITestCurrentOutput testOutput, ILoadVoltageSense loadVoltage,
            ITestLoopOutput testLoop)
        {
            if (samples == null || lineSwitch == null || tripInputs == null || testOutput == null || loadVoltage == null)
            {
                throw new ArgumentNullException("samples", "every line port is required");
            }

            Samples = samples;
            Switch = lineSwitch;
            TripInputs = tripInputs;
            TestOutput = testOutput;
            LoadVoltage = loadVoltage;
            TestLoop = testLoop;
        }

        internal IResidualSampleSource Samples { get; }

        internal ILineSwitch Switch { get; }

        internal ITripInputs TripInputs { get; }

        internal ITestCurrentOutput TestOutput { get; }

        internal ILoadVoltageSense LoadVoltage { get; }

        /// <summary>Null on a board without the test loop (the first board revision): the self-test then relies on the sensor's winding.</summary>
        internal ITestLoopOutput TestLoop { get; }
    }
}
