namespace OpenAmi.Safety.Dsp
{
    /// <summary>Plausibility of a captured one-cycle block, shared by the firmware channel and the self-test.</summary>
    public static class BlockCheck
    {
        /// <summary>Normal, MissingSamples (short block or span off one cycle by more than 10 %) or StuckAtRail.</summary>
        public static BlockVerdict Check(int[] buffer, int offset, int count, long elapsedMicroseconds, DetectorSettings settings, int railLow, int railHigh)
        {
            long nominal = 1000000L / settings.MainsHz;
            long deviation = elapsedMicroseconds > nominal ? elapsedMicroseconds - nominal : nominal - elapsedMicroseconds;
            if (count != settings.SamplesPerCycle || deviation * 10 > nominal)
            {
                return BlockVerdict.MissingSamples;
            }

            for (int i = offset; i < offset + count; i++)
            {
                if (buffer[i] > railLow && buffer[i] < railHigh)
                {
                    return BlockVerdict.Normal;
                }
            }

            return BlockVerdict.StuckAtRail;
        }
    }
}
