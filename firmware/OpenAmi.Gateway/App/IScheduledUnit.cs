using OpenAmi.Gateway.Scheduling;

namespace OpenAmi.Gateway.App
{
    /// <summary>
    /// The one lifecycle of a composition unit: built by <see cref="GatewayApp"/> with its configuration and ports,
    /// then, once every unit exists, asked to put its periodic work on the scheduler's lanes.
    /// </summary>
    public interface IScheduledUnit
    {
        void Schedule(Scheduler scheduler, long nowMs);
    }
}
