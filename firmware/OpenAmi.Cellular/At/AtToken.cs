namespace OpenAmi.Cellular.At
{
    /// <summary>What <see cref="AtLineReader.Next"/> found.</summary>
    public enum AtToken
    {
        /// <summary>Nothing complete before the deadline.</summary>
        None = 0,

        /// <summary>A non-empty line (its terminator stripped).</summary>
        Line = 1,

        /// <summary>The data-input prompt "&gt;" at the start of a line.</summary>
        Prompt = 2,
    }
}
