using OpenAmi.DeviceGate;

namespace OpenAmi.DeviceSubset.Tests;

/// <summary>
/// The gate's negative check: each sample uses one thing docs/device-subset.md forbids and must be stopped at the
/// stage that can see it, with a message a developer can act on. Serial: the samples share the surface build.
/// </summary>
[CollectionDefinition("gate", DisableParallelization = true)]
public sealed class GateCollection;

[Collection("gate")]
public sealed class NegativeCheckTests
{
    [Fact]
    public void ListOfIntFailsTheDeviceBuild()
    {
        var verdict = DeviceSubsetGate.Check("ListOfInt");

        Assert.Equal("device-build", verdict.FailedStage);
        Assert.Contains("error CS0234", verdict.Output);
        Assert.Contains("'Generic' does not exist in the namespace 'System.Collections'", verdict.Output);
    }

    [Fact]
    public void GenericMethodFailsTheMetadataScan()
    {
        var verdict = DeviceSubsetGate.Check("GenericMethod");

        Assert.Equal("metadata-scan", verdict.FailedStage);
        Assert.Contains("error NF002: Sample.GenericMethod.dll: generic method definition 'Samples.GenericMethod.First'",
            verdict.Output);
        Assert.Contains("error NF004: Sample.GenericMethod.dll: generic method instantiation 'Samples.GenericMethod.First'",
            verdict.Output);
        Assert.Contains("nanoFramework 1.x has no generics", verdict.Output);
    }

    [Fact]
    public void SpanOfByteFailsTheDeviceBuild()
    {
        var verdict = DeviceSubsetGate.Check("SpanOfByte");

        Assert.Equal("device-build", verdict.FailedStage);
        Assert.Contains("error CS0246: The type or namespace name 'Span<>' could not be found", verdict.Output);
    }

    [Fact]
    public void MathMaxOfLongFailsTheHostBuild()
    {
        var verdict = DeviceSubsetGate.Check("MathMaxLong");

        Assert.Equal("host-build", verdict.FailedStage);
        Assert.Contains("error RS0030", verdict.Output);
        Assert.Contains("nanoFramework has no 64-bit Math.Max", verdict.Output);
    }

    [Fact]
    public void EnumToStringFailsTheHostBuild()
    {
        var verdict = DeviceSubsetGate.Check("EnumToString");

        Assert.Equal("host-build", verdict.FailedStage);
        Assert.Contains("error RS0030", verdict.Output);
        Assert.Contains("an enum's ToString() gives its number", verdict.Output);
    }

    [Fact]
    public void CallRightBeforeATryFailsTheMetadataScan()
    {
        var verdict = DeviceSubsetGate.Check("CallBeforeTry");

        Assert.Equal("metadata-scan", verdict.FailedStage);
        Assert.Contains("error NF006: Sample.CallBeforeTry.dll: 'Samples.CallBeforeTry.LoadThenParse' IL_0001: a call is the last instruction before a try block",
            verdict.Output);
        Assert.Single(verdict.Output.Split(Environment.NewLine));
    }

    [Fact]
    public void EveryLibraryInOneAssemblyOverflowsTheStringTable()
    {
        var report = DeviceSubsetGate.ScanAllInOne();

        var finding = Assert.Single(report.Findings, finding => finding.Rule == "NF005");
        Assert.Contains("a 1.x .pe addresses at most 65,536 B of strings", finding.Reason);
        Assert.True(report.StringTableBytes > StringTable.HardLimitBytes, $"{report.StringTableBytes} B");
    }

    [Fact]
    public void CodeInsideTheSubsetPassesEveryStage()
    {
        var verdict = DeviceSubsetGate.Check("InsideTheSubset");

        Assert.True(verdict.Passed, $"stage {verdict.FailedStage} failed:\n{verdict.Output}");
    }
}
