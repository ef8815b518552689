using OpenAmi.Json;
using OpenAmi.Metering.Polling;
using OpenAmi.Metering.Vmrs;
using OpenAmi.Northbound.Ports;

namespace OpenAmi.Gateway.Commands
{
    /// <summary>
    /// "set-interval" {"seconds": 900}: the instantaneous reading interval of the whole gateway (one poll plan
    /// serves every meter; the addressed meter only carries the command). Held in memory: a reboot returns to the
    /// configured interval.
    /// </summary>
    public sealed class SetIntervalCommand : ICommandHandler
    {
        /// <summary>A 9600 Bd line of a dozen meters needs about a minute per sweep: faster only starves the other work.</summary>
        public const long MinSeconds = 60;

        public const long MaxSeconds = 86400;

        private readonly PollPlan _plan;

        public SetIntervalCommand(PollPlan plan)
        {
            _plan = plan;
        }

        public string Execute(string meterSerial, string commandType, JsonNode parameters)
        {
            long seconds = parameters.GetLong("seconds");
            if (seconds < MinSeconds || seconds > MaxSeconds)
            {
                return "bad_params: seconds must be " + MinSeconds.ToString() + "-" + MaxSeconds.ToString();
            }

            _plan.SetInterval(PollClass.Instantaneous, seconds * 1000);
            return null;
        }
    }
}
