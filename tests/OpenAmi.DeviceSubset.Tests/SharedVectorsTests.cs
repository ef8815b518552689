using System.Xml.Linq;

namespace OpenAmi.DeviceSubset.Tests;

/// <summary>
/// One source of test data: every vector file in tests/vectors runs on the board (the board tests compile the whole
/// folder) and must also be read by at least one host test project, so a vector added once runs on both.
/// </summary>
public sealed class SharedVectorsTests
{
    private static readonly string Tests = Path.Combine(NanoProjectTests.RepoRoot, "tests");

    [Fact]
    public void Every_vector_file_is_compiled_by_the_board_tests_and_by_a_host_test_project()
    {
        var vectors = Directory.GetFiles(Path.Combine(Tests, "vectors"), "*.cs").Select(Path.GetFileName).Order().ToArray();
        var linkedByHost = Directory.GetFiles(Tests, "*.Tests.csproj", SearchOption.AllDirectories)
            .Where(project => !project.Contains("OpenAmi.Device.Tests", StringComparison.Ordinal))
            .SelectMany(project => XDocument.Load(project).Descendants("Compile"))
            .Select(compile => (string?)compile.Attribute("Include") ?? "")
            .Where(include => include.StartsWith("../vectors/", StringComparison.Ordinal))
            .Select(Path.GetFileName)
            .ToHashSet();

        Assert.NotEmpty(vectors);
        Assert.All(vectors, vector => Assert.True(linkedByHost.Contains(vector), $"tests/vectors/{vector} is read by no host test project"));
        Assert.Contains(@"..\vectors\*.cs", File.ReadAllText(Path.Combine(Tests, "OpenAmi.Device.Tests", "OpenAmi.Device.Tests.nfproj")));
        Assert.Contains("../vectors/*.cs", File.ReadAllText(Path.Combine(Tests, "OpenAmi.Device.Tests", "OpenAmi.Device.Tests.csproj")));
    }
}
