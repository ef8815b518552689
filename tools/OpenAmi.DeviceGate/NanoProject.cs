using System.Xml.Linq;

namespace OpenAmi.DeviceGate;

/// <summary>
/// The `.nfproj` a device assembly is built from: the nanoFramework assemblies it references and the projects it
/// references, by assembly name. Found beside the assembly's project, walking up from the output folder.
/// </summary>
public sealed class NanoProject
{
    private static readonly XNamespace Msbuild = "http://schemas.microsoft.com/developer/msbuild/2003";

    private NanoProject(string path, bool isApplication, IReadOnlyList<string> assemblies, IReadOnlyList<string> projects)
    {
        Path = path;
        IsApplication = isApplication;
        Assemblies = assemblies;
        Projects = projects;
    }

    public string Path { get; }

    /// <summary>
    /// An application's references also decide what is deployed to the board, so it names every package its
    /// libraries need, used directly or not. A unit-test project (`IsTestProject`) is deployed the same way by the test
    /// adapter, with the package's launcher it never calls itself.
    /// </summary>
    public bool IsApplication { get; }

    /// <summary>Assembly names of the packages' assemblies (Reference items).</summary>
    public IReadOnlyList<string> Assemblies { get; }

    /// <summary>Assembly names of the referenced projects (ProjectReference items).</summary>
    public IReadOnlyList<string> Projects { get; }

    /// <summary>
    /// The `.nfproj` named as the assembly, or one whose AssemblyName is the assembly's (a unit-test project's assembly
    /// must be called NFUnitTest, the name the TestFramework's launcher loads).
    /// </summary>
    public static NanoProject? FindFor(string assemblyPath)
    {
        var name = System.IO.Path.GetFileNameWithoutExtension(assemblyPath);
        for (var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(assemblyPath));
             dir is not null;
             dir = System.IO.Path.GetDirectoryName(dir))
        {
            var candidate = System.IO.Path.Combine(dir, name + ".nfproj");
            if (File.Exists(candidate))
            {
                return Load(candidate);
            }

            var renamed = Directory.GetFiles(dir, "*.nfproj").FirstOrDefault(nfproj => AssemblyName(nfproj) == name);
            if (renamed is not null)
            {
                return Load(renamed);
            }
        }

        return null;
    }

    private static string? AssemblyName(string nfproj) =>
        XDocument.Load(nfproj).Descendants(Msbuild + "AssemblyName").Select(element => element.Value).FirstOrDefault();

    public static NanoProject Load(string path)
    {
        var project = XDocument.Load(path);
        var assemblies = project.Descendants(Msbuild + "Reference")
            .Select(reference => ((string)reference.Attribute("Include")!).Split(',')[0].Trim());
        var projects = project.Descendants(Msbuild + "ProjectReference")
            .Select(reference => System.IO.Path.GetFileNameWithoutExtension(
                ((string)reference.Attribute("Include")!).Replace('\\', '/')));
        var isApplication = project.Descendants(Msbuild + "OutputType").Any(type => type.Value == "Exe")
                            || project.Descendants(Msbuild + "IsTestProject").Any(flag => flag.Value == "true");
        return new NanoProject(path, isApplication, assemblies.ToList(), projects.ToList());
    }
}
