using System.Text.RegularExpressions;
using OpenAmi.Cli.Tests.Support;

namespace OpenAmi.Cli.Tests.Emulate;

/// <summary>`openami emulate --web`: its arguments, and a short run that gives itself a password when none is given.</summary>
public class WebEmulatorTests
{
    [Theory]
    [InlineData("--web", "0")]
    [InlineData("--web", "70000")]
    [InlineData("--web", "8080", "--broker", "mqtt://127.0.0.1:1883")]
    [InlineData("--web", "8080", "--realtime")]
    [InlineData("--web", "8080", "--password", "short")]
    [InlineData("--password", "long-enough-password")]
    public void Bad_web_arguments_are_usage_errors(params string[] args)
    {
        var result = OpenAmiCli.Run(["emulate", .. args]);
        result.AssertFailedWithOneLine();
        Assert.Equal(2, result.Exit);
    }

    [Fact]
    public void Without_a_password_a_new_one_is_printed_and_the_run_ends_after_its_duration()
    {
        int port = LoopbackPort.Free();

        var result = OpenAmiCli.Run("emulate", "--web", port.ToString(), "--speed", "3600", "--duration", "2");

        result.AssertSucceeded();
        var announced = Regex.Match(result.Err, @"installer page on http://127\.0\.0\.1:(\d+)/ \(password ([a-z2-9]{14})\)");
        Assert.True(announced.Success, result.Err);
        Assert.Equal(port.ToString(), announced.Groups[1].Value);
        Assert.Contains("\"meter_registered\"", result.Out);
    }
}
