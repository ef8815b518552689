namespace OpenAmi.Dlms.Axdr
{
    /// <summary>
    /// Bounds on what one decode may build, so that hostile input cannot exhaust the heap: declared lengths
    /// and element counts are always checked against the bytes actually present, and on top of that nesting
    /// depth and the total number of values are capped.
    /// </summary>
    public sealed class AxdrLimits
    {
        public int MaxDepth { get; set; } = 16;
        public int MaxValues { get; set; } = 4096;

        public static readonly AxdrLimits Default = new AxdrLimits();
    }
}
