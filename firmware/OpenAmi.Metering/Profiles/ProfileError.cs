namespace OpenAmi.Metering.Profiles
{
    /// <summary>One thing wrong with a profile: where (a JSON path such as $.items["1.8.0"].register) and why.</summary>
    public sealed class ProfileError
    {
        public ProfileError(string path, string reason)
        {
            Path = path;
            Reason = reason;
        }

        public string Path { get; }

        public string Reason { get; }

        public override string ToString() => Path + ": " + Reason;
    }
}
