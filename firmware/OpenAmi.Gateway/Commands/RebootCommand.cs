using OpenAmi.Gateway.App;
using OpenAmi.Gateway.Scheduling;
using OpenAmi.Json;
using OpenAmi.Northbound.Ports;

namespace OpenAmi.Gateway.Commands
{
    /// <summary>
    /// "reboot" {}: the reboot itself runs as the next housekeeping step, after this command's "done" ack is in the
    /// outbox; the gateway then flushes, says goodbye on the status topic and restarts through the platform's port.
    /// </summary>
    public sealed class RebootCommand : ICommandHandler
    {
        private readonly GatewayApp _app;
        private readonly GatewayPorts _ports;
        private readonly Scheduler _scheduler;

        /// <param name="ports">Read when a command runs: the platform may supply its reboot port after boot.</param>
        public RebootCommand(GatewayApp app, GatewayPorts ports, Scheduler scheduler)
        {
            _app = app;
            _ports = ports;
            _scheduler = scheduler;
        }

        public string Execute(string meterSerial, string commandType, JsonNode parameters)
        {
            if (_ports.Reboot == null)
            {
                return "not_supported: this platform cannot be rebooted remotely";
            }

            _scheduler.Post("reboot", Lane.Housekeeping, RebootNow);
            return null;
        }

        private void RebootNow(long nowMs)
        {
            // One pass of the uplink sends what is already in the outbox (this command's ack among it); anything
            // unacknowledged stays in the outbox and goes out after the restart.
            _app.Northbound.Uplink.Tick(nowMs);
            _app.Stop();
            _ports.Reboot.Reboot("remote_command");
        }
    }
}
