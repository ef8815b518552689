namespace OpenAmi.Dlms.Axdr
{
    /// <summary>
    /// Bounds on what one decode may build, so that hostile input cannot exhaust the heap: declared lengths
    /// and element counts are always checked against the bytes actually present, and on top of that nesting
    /// depth and the total number of values are capped, and so is what the decoded values occupy: at most
    /// <see cref="BytesPerInputByte"/> times the input, or <see cref="MinAllocationBytes"/> for short input.
    /// </summary>
    public sealed class AxdrLimits
    {
        public int MaxDepth { get; set; } = 16;
        public int MaxValues { get; set; } = 4096;

        /// <summary>
        /// Heap the values of one decode may take per byte of the input window. A value costs 56 bytes on a 64-bit
        /// host whatever its encoding, so dense data (enums, unsigned, null-data) cost more per byte than 16: a
        /// recorded meter's object list takes 31 bytes per input byte, the worst of the recordings the tests replay.
        /// </summary>
        public int BytesPerInputByte { get; set; } = 48;

        /// <summary>Heap any decode may take, however short its input (a few values of a short reply).</summary>
        public int MinAllocationBytes { get; set; } = 16384;

        public static readonly AxdrLimits Default = new AxdrLimits();
    }
}
