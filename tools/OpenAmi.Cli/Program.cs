using System.CommandLine;
using OpenAmi.Cli.Commands;

namespace OpenAmi.Cli;

public static class Program
{
    public static int Main(string[] args) => BuildRoot().Parse(args).Invoke();

    /// <summary>Every subcommand group registers here, one line each.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "openami — tools for the OpenAMI pole gateway: feeder emulator, head-end commands, DLMS/Modbus/token/RCM tools, benchmarks.\n" +
            "Machine-readable output is JSON on stdout; errors go to stderr with a non-zero exit.");
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(EmulateCommand.Create());
        root.Subcommands.Add(RcmCommand.Create());
        root.Subcommands.Add(TokenCommand.Create());
        root.Subcommands.Add(MeterCommand.Create());
        root.Subcommands.Add(DlmsCommand.Create());
        root.Subcommands.Add(ModbusCommand.Create());
        root.Subcommands.Add(HeadEndCommand.Create());
        root.Subcommands.Add(ConfigCommand.Create());
        root.Subcommands.Add(FuzzCommand.Create());
        return root;
    }
}
