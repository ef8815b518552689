using OpenAmi.Gateway.App;
using OpenAmi.Northbound.Commands;

namespace OpenAmi.Gateway.Commands
{
    /// <summary>Registers the executor of every command type (docs/northbound.md, "Commands"; "reconnect" goes to Safety only).</summary>
    public static class GatewayCommands
    {
        public static void Register(GatewayApp app, GatewayPorts ports)
        {
            CommandWiring commands = app.Commands;
            commands.Register(CommandTypes.Token, new TokenCommand(app.Prepaid, commands));
            commands.Register(CommandTypes.ReadNow, new ReadNowCommand(app.Metering));
            commands.Register(CommandTypes.Disconnect, new DisconnectCommand(app.Config, app.Safety, app.Metering));
            commands.Register(CommandTypes.ClockSync, new ClockSyncCommand(ports, app.Metering));
            commands.Register(CommandTypes.SetInterval, new SetIntervalCommand(app.Metering.Plan));
            commands.Register(CommandTypes.Reboot, new RebootCommand(app, ports, app.Scheduler));
            commands.Register(CommandTypes.Config, new ConfigCommand());
            commands.Register(CommandTypes.ReadProfile, new ReadProfileCommand(app.Metering, app.Northbound.Bridge, commands));
        }
    }
}
