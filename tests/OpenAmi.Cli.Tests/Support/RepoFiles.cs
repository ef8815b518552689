namespace OpenAmi.Cli.Tests.Support;

/// <summary>Files of the checkout the tests were built from (docs the tests execute, shipped examples).</summary>
public static class RepoFiles
{
    public static string Path(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "OpenAmi.Firmware.sln")))
            {
                return System.IO.Path.Combine(dir.FullName, relative);
            }
        }

        throw new InvalidOperationException("the tests do not run inside the repository checkout");
    }
}
