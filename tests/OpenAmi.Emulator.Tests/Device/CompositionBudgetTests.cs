using OpenAmi.Emulator.Device;
using OpenAmi.Emulator.Feeder;
using OpenAmi.Emulator.Tests.Feeder;

namespace OpenAmi.Emulator.Tests.Device;

/// <summary>
/// Issue 15: what the gateway's composition of the reference pole (docs/provisioning/gateway.json: 4 meters of three
/// vendor profiles, 2 lines) allocates on the host, measured exactly by <see cref="CompositionMeter"/>
/// (GC.GetAllocatedBytesForCurrentThread across <c>GatewayApp</c>'s constructor). The budgets are today's figures
/// (`openami bench device`) with room: 72.7 KB in all (74,472 B); metering 35.1 KB (35,928 B), down from 72.6 KB
/// while the vendor profiles were parsed into a node tree, kept their "source" text and built every item's error path,
/// and from 45.7 KB while each built-in profile's text was copied and its descriptions kept, each Modbus reader held a
/// slot per unit address and each DLMS bus its own PDU buffers. The goal is 48 KB in all (metering ≤ 20 KB); see
/// docs/architecture.md (memory) for what is left.
/// </summary>
public class CompositionBudgetTests
{
    private const long CompositionBudget = 86 * 1024;
    private const long MeteringBudget = 36 * 1024;

    [Fact]
    public void The_reference_pole_composes_within_its_allocation_budget()
    {
        string config = Path.Combine(Path.GetDirectoryName(ScenarioFiles.Directory)!, "..", "docs", "provisioning", "gateway.json");
        var (_, feeder, _) = FeederEmulation.LoadFeeder(Path.Combine(ScenarioFiles.Directory, "default.json"), config);
        Assert.Equal(4, feeder.Meters.Length);

        var composition = CompositionMeter.Measure(feeder);

        Assert.InRange(composition.Allocated, 1, CompositionBudget);
        var metering = composition.Parts.Single(p => p.Component == "metering");
        Assert.InRange(metering.Allocated, 1, MeteringBudget);
    }
}
