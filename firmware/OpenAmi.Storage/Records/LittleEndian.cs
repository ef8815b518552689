namespace OpenAmi.Storage.Records
{
    /// <summary>
    /// The older byte order on flash: the outbox's segment records still use it, and records saved before
    /// <see cref="BigEndian"/> became the rule are read with it once (<see cref="DualSlotRecordStore.LoadedLegacyFormat"/>).
    /// </summary>
    public static class LittleEndian
    {
        public static void PutUInt16(byte[] b, int at, int value)
        {
            b[at] = (byte)value;
            b[at + 1] = (byte)(value >> 8);
        }

        public static void PutUInt32(byte[] b, int at, uint value)
        {
            b[at] = (byte)value;
            b[at + 1] = (byte)(value >> 8);
            b[at + 2] = (byte)(value >> 16);
            b[at + 3] = (byte)(value >> 24);
        }

        public static void PutInt64(byte[] b, int at, long value)
        {
            PutUInt32(b, at, (uint)value);
            PutUInt32(b, at + 4, (uint)(value >> 32));
        }

        public static int GetUInt16(byte[] b, int at) => b[at] | (b[at + 1] << 8);

        public static uint GetUInt32(byte[] b, int at) => (uint)(b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24));

        public static long GetInt64(byte[] b, int at) => GetUInt32(b, at) | ((long)GetUInt32(b, at + 4) << 32);
    }
}
