namespace OpenAmi.Json
{
    /// <summary>Bounds a parse so hostile input cannot exhaust the device's stack or heap.</summary>
    public sealed class JsonLimits
    {
        public JsonLimits(int maxDepth, int maxBytes)
        {
            MaxDepth = maxDepth;
            MaxBytes = maxBytes;
        }

        /// <summary>32 levels of nesting and 16 KiB of text: far above any OpenAMI message.</summary>
        public static readonly JsonLimits Default = new JsonLimits(32, 16384);

        /// <summary>Deepest allowed nesting of arrays and objects (the top-level value is depth 1).</summary>
        public int MaxDepth { get; }

        public int MaxBytes { get; }

        /// <summary>Longest number token; longer ones are refused rather than converted slowly.</summary>
        public const int MaxNumberLength = 128;
    }
}
