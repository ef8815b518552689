using OpenAmi.Gateway.Config;
using OpenAmi.Northbound;

namespace OpenAmi.Gateway.App
{
    /// <summary>
    /// A gateway whose configuration was rejected but whose ids and northbound section are sound
    /// (<see cref="ConfigLoadResult.ReportingOnly"/>): it connects only to publish its retained status with every
    /// configuration error, so a deployed board's mistake is seen at the head-end instead of in a log nobody reads.
    /// Nothing else runs: no meter is read, no command is executed, every line stays off.
    /// </summary>
    public sealed class RejectedConfigReport
    {
        private readonly NorthboundWiring _northbound;

        public RejectedConfigReport(ConfigLoadResult rejected, GatewayPorts ports)
        {
            if (rejected.ReportingOnly == null)
            {
                throw new GatewayCompositionException("the configuration cannot report its errors: its ids or northbound section are themselves invalid");
            }

            _northbound = new NorthboundWiring(rejected.ReportingOnly, ports);
            _northbound.Uplink.ConfigErrors = rejected.ErrorLines();
        }

        public Uplink Uplink
        {
            get { return _northbound.Uplink; }
        }

        /// <summary>Connects when due (with the uplink's back-off); once connected, the birth message carries the errors.</summary>
        public void Tick(long nowMs)
        {
            _northbound.Uplink.Tick(nowMs);
        }
    }
}
