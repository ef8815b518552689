namespace OpenAmi.Storage.Records
{
    /// <summary>
    /// The byte order of flash records saved before <see cref="BigEndian"/> became the rule, kept only to read them once
    /// after an upgrade (<see cref="DualSlotRecordStore.LoadedLegacyFormat"/>, an outbox segment record of format 1, an
    /// attempt history of version 1); nothing is written in it.
    /// </summary>
    public static class LittleEndian
    {
        public static int GetUInt16(byte[] b, int at) => b[at] | (b[at + 1] << 8);

        public static uint GetUInt32(byte[] b, int at) => (uint)(b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24));

        public static long GetInt64(byte[] b, int at) => GetUInt32(b, at) | ((long)GetUInt32(b, at + 4) << 32);
    }
}
