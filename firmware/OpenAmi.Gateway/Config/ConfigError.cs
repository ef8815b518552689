namespace OpenAmi.Gateway.Config
{
    /// <summary>One thing wrong with a configuration: where (a JSON path such as $.meters[2].bus) and why.</summary>
    public sealed class ConfigError
    {
        public ConfigError(string path, string reason)
        {
            Path = path;
            Reason = reason;
        }

        public string Path { get; }

        public string Reason { get; }

        public override string ToString() => Path + ": " + Reason;
    }
}
