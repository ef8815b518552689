using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace OpenAmi.DeviceSubset.Tests;

/// <summary>
/// The device build's package set, checked as the nanoFramework build would resolve it: every `.nfproj` reference
/// against its `packages.config` (HintPath, assembly name, version), the set against the table in
/// docs/dependencies.md, and the `.nfproj` project references against the host projects the gate compiles. The board
/// tests (tests/OpenAmi.Device.Tests) are one more device project under the same checks.
/// </summary>
public sealed partial class NanoProjectTests
{
    private static readonly XNamespace Msbuild = "http://schemas.microsoft.com/developer/msbuild/2003";
    internal static readonly string RepoRoot = FindRepoRoot();
    private static readonly string Firmware = Path.Combine(RepoRoot, "firmware");
    private static readonly string BoardTests = Path.Combine(RepoRoot, "tests", "OpenAmi.Device.Tests");

    public static TheoryData<string> DeviceProjects() => new(NfprojPaths());

    /// <summary>Every device project, relative to firmware/: the libraries, the application and the board tests.</summary>
    private static string[] NfprojPaths() => FirmwareNfprojPaths()
        .Concat(Directory.GetFiles(BoardTests, "*.nfproj").Select(nfproj => Path.GetRelativePath(Firmware, nfproj)))
        .ToArray();

    private static string[] FirmwareNfprojPaths() => Directory.GetFiles(Firmware, "*.nfproj", SearchOption.AllDirectories)
        .Select(nfproj => Path.GetRelativePath(Firmware, nfproj))
        .Order()
        .ToArray();

    private static string[] PackagesConfigs() => Directory.GetFiles(Firmware, "packages.config", SearchOption.AllDirectories)
        .Append(Path.Combine(BoardTests, "packages.config"))
        .ToArray();

    [Fact]
    public void Every_portable_library_and_the_application_have_a_nanoFramework_project()
    {
        var libraries = Directory.GetDirectories(Firmware, "OpenAmi.*").Select(Path.GetFileName).Order().ToArray();
        var nfprojs = FirmwareNfprojPaths().Select(Path.GetDirectoryName).Order().ToArray();

        Assert.Equal(libraries, nfprojs);
        Assert.All(libraries, library => Assert.True(File.Exists(Path.Combine(Firmware, library!, "packages.config")), library));
    }

    [Theory]
    [MemberData(nameof(DeviceProjects))]
    public void Every_reference_resolves_to_a_package_of_its_packages_config(string nfproj)
    {
        var packages = PackagesConfig(Path.Combine(Firmware, Path.GetDirectoryName(nfproj)!, "packages.config"));
        var referenced = new HashSet<string>();
        foreach (var reference in XDocument.Load(Path.Combine(Firmware, nfproj)).Descendants(Msbuild + "Reference"))
        {
            var include = ((string)reference.Attribute("Include")!).Split(',').Select(part => part.Trim()).ToArray();
            var hint = HintPath().Match((string)reference.Element(Msbuild + "HintPath")!);
            Assert.True(hint.Success, $"{nfproj}: HintPath of {include[0]} is not the solution's packages\\<id>.<version>\\lib\\<assembly>.dll (or .exe)");
            var id = hint.Groups["id"].Value;
            var version = hint.Groups["version"].Value;

            Assert.True(packages.TryGetValue(id, out var pinned), $"{nfproj}: {id} is not in packages.config");
            Assert.Equal(pinned, version);
            Assert.Equal(include[0], hint.Groups["assembly"].Value);
            Assert.Equal($"Version={pinned}.0", include[1]);
            referenced.Add(id);
        }

        Assert.Equal(packages.Keys.Order(), referenced.Order());
    }

    [Fact]
    public void One_package_set_matches_the_table_in_docs_dependencies()
    {
        var table = DependencyTable();
        var set = new Dictionary<string, string>();
        foreach (var config in PackagesConfigs())
        {
            foreach (var (id, version) in PackagesConfig(config))
            {
                Assert.Equal(set.GetValueOrDefault(id, version), version);
                set[id] = version;
                Assert.True(table.TryGetValue(id, out var row), $"{id} has no row in docs/dependencies.md");
                Assert.Equal(row.Version, version);
            }
        }

        Assert.Equal(table.Keys.Order(), set.Keys.Order());
        Assert.Equal("1.5.116", set["nanoFramework.System.Math"]);
        Assert.Equal(["System.Math"], table["nanoFramework.System.Math"].Assemblies);
        Assert.Equal(["nanoFramework.System.Security.Cryptography"], table["nanoFramework.System.Security.Cryptography"].Assemblies);
        foreach (var (id, row) in table)
        {
            foreach (var assembly in row.Assemblies)
            {
                var hint = $@"packages\{id}.{row.Version}\lib\{assembly}.";
                Assert.True(AllNfprojText().Contains(hint + "dll") || AllNfprojText().Contains(hint + "exe"), $"no .nfproj references {hint}dll");
            }
        }
    }

    [Theory]
    [MemberData(nameof(DeviceProjects))]
    public void Project_references_match_the_projects_the_gate_compiles(string nfproj)
    {
        var directory = Path.Combine(Firmware, Path.GetDirectoryName(nfproj)!);
        var hostProject = Directory.GetFiles(directory, "*.csproj").SingleOrDefault()
                          ?? Directory.GetFiles(Path.Combine(directory, "SurfaceCheck"), "*.csproj").Single();
        var device = XDocument.Load(Path.Combine(Firmware, nfproj)).Descendants(Msbuild + "ProjectReference")
            .Select(reference => ProjectName((string)reference.Attribute("Include")!));
        var host = XDocument.Load(hostProject).Descendants("ProjectReference")
            .Select(reference => ProjectName((string)reference.Attribute("Include")!));

        Assert.Equal(host.Order(), device.Order());
    }

    [Fact]
    public void The_application_deploys_every_package_its_libraries_use()
    {
        var application = PackagesConfig(Path.Combine(Firmware, "OpenAmi.Firmware.Esp32", "packages.config"));
        foreach (var config in Directory.GetFiles(Firmware, "packages.config", SearchOption.AllDirectories))
        {
            foreach (var id in PackagesConfig(config).Keys)
            {
                Assert.True(application.ContainsKey(id), $"{id} ({config}) is missing from the application's packages.config");
            }
        }
    }

    [Fact]
    public void The_board_tests_deploy_every_package_of_the_libraries_they_test()
    {
        // The test adapter deploys what the test project references, so it names its libraries' packages too.
        var nfproj = Directory.GetFiles(BoardTests, "*.nfproj").Single();
        var deployed = PackagesConfig(Path.Combine(BoardTests, "packages.config"));
        Assert.Equal("3.0.77", deployed["nanoFramework.TestFramework"]);
        foreach (var reference in XDocument.Load(nfproj).Descendants(Msbuild + "ProjectReference"))
        {
            var library = Path.GetDirectoryName(Path.Combine(BoardTests, ((string)reference.Attribute("Include")!).Replace('\\', '/')))!;
            foreach (var id in PackagesConfig(Path.Combine(library, "packages.config")).Keys)
            {
                Assert.True(deployed.ContainsKey(id), $"{id} ({library}) is missing from the board tests' packages.config");
            }
        }
    }

    [Fact]
    public void The_gate_finds_the_board_tests_project_by_its_assembly_name_and_deploys_it_whole()
    {
        // The launcher loads the test assembly as NFUnitTest, so the gate cannot find its .nfproj by file name.
        var project = OpenAmi.DeviceGate.NanoProject.FindFor(Path.Combine(BoardTests, "NFUnitTest.dll"));

        Assert.NotNull(project);
        Assert.Equal("OpenAmi.Device.Tests.nfproj", Path.GetFileName(project.Path));
        Assert.True(project.IsApplication);
        Assert.Contains("nanoFramework.UnitTestLauncher", project.Assemblies);
    }

    private static string ProjectName(string include) => Path.GetFileNameWithoutExtension(include.Replace('\\', '/'));

    private static Dictionary<string, string> PackagesConfig(string path) =>
        XDocument.Load(path).Descendants("package").ToDictionary(
            package => (string)package.Attribute("id")!,
            package => (string)package.Attribute("version")!);

    private static Dictionary<string, (string Version, string[] Assemblies)> DependencyTable()
    {
        var table = new Dictionary<string, (string, string[])>();
        foreach (var line in File.ReadLines(Path.Combine(RepoRoot, "docs", "dependencies.md")))
        {
            var row = TableRow().Match(line);
            if (row.Success)
            {
                var assemblies = row.Groups["assemblies"].Value.Split(", ").Select(name => name.Trim('`')).ToArray();
                table.Add(row.Groups["id"].Value, (row.Groups["version"].Value, assemblies));
            }
        }

        return table;
    }

    private static string AllNfprojText() => string.Concat(
        NfprojPaths().Select(nfproj => File.ReadAllText(Path.Combine(Firmware, nfproj))));

    [GeneratedRegex(@"^(\.\.\\\.\.\\firmware\\|\.\.\\)packages\\(?<id>nanoFramework\.[A-Za-z0-9.]+?)\.(?<version>\d+\.\d+\.\d+)\\lib\\(?<assembly>[A-Za-z0-9.]+)\.(dll|exe)$")]
    private static partial Regex HintPath();

    [GeneratedRegex(@"^\| (?<id>nanoFramework\.[A-Za-z0-9.]+) \| (?<version>\d+\.\d+\.\d+) \| (?<assemblies>`[A-Za-z0-9.]+`(, `[A-Za-z0-9.]+`)*) \|")]
    private static partial Regex TableRow();

    private static string FindRepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "OpenAmi.Firmware.sln")))
        {
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("repo root not found");
        }

        return dir;
    }
}
