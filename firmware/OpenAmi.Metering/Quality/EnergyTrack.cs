namespace OpenAmi.Metering.Quality
{
    /// <summary>
    /// History of one cumulative energy register on one meter: the last value accepted as good and a
    /// candidate baseline after a suspect value (register reset or meter swap).
    /// </summary>
    public sealed class EnergyTrack
    {
        public bool HasLast;
        public double LastKWh;
        public long LastMs;

        public bool HasCandidate;
        public double CandidateKWh;
        public long CandidateMs;
    }
}
