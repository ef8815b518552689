using System;
using OpenAmi.Safety.Ports;

namespace OpenAmi.Safety.Supervision
{
    /// <summary>The per-line hardware a LineGuard owns.</summary>
    public sealed class LinePorts
    {
        public LinePorts(IResidualSampleSource samples, ILineSwitch lineSwitch, ITripInputs tripInputs, ITestCurrentOutput testOutput, ILoadVoltageSense loadVoltage)
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
        }

        internal IResidualSampleSource Samples { get; }

        internal ILineSwitch Switch { get; }

        internal ITripInputs TripInputs { get; }

        internal ITestCurrentOutput TestOutput { get; }

        internal ILoadVoltageSense LoadVoltage { get; }
    }
}
