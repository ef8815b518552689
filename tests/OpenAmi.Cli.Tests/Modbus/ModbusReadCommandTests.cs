using OpenAmi.Cli.Tests.Support;

namespace OpenAmi.Cli.Tests.Modbus;

/// <summary>
/// `openami modbus read` against the emulator's Modbus meters, whose state the command documents in its --help
/// (230 V, 0.5 kWh, 60 W, 50 Hz). Register numbers are the Eastron SDM120 and CHINT DDSU666 protocol tables'.
/// </summary>
public class ModbusReadCommandTests
{
    [Fact]
    public void RawInputRegistersOfAnEmulatedSdm120()
    {
        var result = OpenAmiCli.Run("modbus", "read", "--port", "emulator:eastron-sdm120@9600", "--function", "4", "--register", "0", "--count", "2");

        result.AssertSucceededQuietly();
        // 230.0 as IEEE 754 single, high word first: 1.796875 × 2^7 → 0x43660000.
        Assert.Equal("4366 0000", result.Document["hex"]!.GetValue<string>());
        Assert.Equal(4, result.Document["function"]!.GetValue<int>());
    }

    [Fact]
    public void TheProfileOptionReadsEachLayoutOfAModelWithSeveral()
    {
        var result = OpenAmiCli.Run("modbus", "read", "--port", "emulator:chint-ddsu666@9600/3", "--unit", "3", "--profile", "chint-ddsu666");

        result.AssertSucceededQuietly();
        var items = result.Document["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        // DDSU666 holding register 0x2000 is voltage (float32, V).
        var voltage = items.Single(i => i["vmrs"]!.GetValue<string>() == "32.7.0");
        Assert.Equal((8192, 230.0, "V"), (voltage["register"]!.GetValue<int>(), voltage["value"]!.GetValue<double>(), voltage["unit"]!.GetValue<string>()));
        Assert.True(items.Select(i => i["variant"]?.GetValue<string>()).Distinct().Count() >= 2, "no layout of the model was read");
    }

    [Fact]
    public void AnExceptionAndASilentUnitAreOneLineErrorsThatSayWhatWasTried()
    {
        var exception = OpenAmiCli.Run("modbus", "read", "--port", "emulator:eastron-sdm120@9600", "--function", "4", "--register", "0x9999");
        exception.AssertFailedWithOneLine();
        Assert.Contains("unit 1 answered exception 02 (illegal data address) (function 04, register 39321, count 1)", exception.Err);

        // The meter runs at 2400 Bd, the command at 9600: nothing answers.
        var silent = OpenAmiCli.Run("modbus", "read", "--port", "emulator:eastron-sdm120@2400", "--profile", "eastron-sdm120");
        silent.AssertFailedWithOneLine();
        Assert.Equal(1, silent.Exit);
        Assert.Contains("no answer from unit 1 on emulator:eastron-sdm120@2400 within 500 ms; check the A/B wiring, the unit id, the baud rate", silent.Err);
    }

    [Theory]
    [InlineData("--register", "0", "--profile", "eastron-sdm120")]
    [InlineData("--function", "4")]
    [InlineData("--register", "0", "--function", "6")]
    [InlineData("--register", "0", "--count", "126")]
    [InlineData("--register", "0", "--unit", "248")]
    [InlineData("--profile", "sunbird-s1")]
    public void WrongRequestsAreUsageErrors(params string[] options)
    {
        var result = OpenAmiCli.Run(["modbus", "read", "--port", "emulator:eastron-sdm120@9600", .. options]);

        result.AssertFailedWithOneLine();
        Assert.Equal(2, result.Exit);
    }

    [Fact]
    public void HelpNamesThePortFormsAndTheProfiles()
    {
        var help = OpenAmiCli.Run("modbus", "read", "--help");

        help.AssertSucceeded();
        Assert.Contains("tcp://HOST:PORT", help.Out);
        Assert.Contains("eastron-sdm120", help.Out);
    }
}
