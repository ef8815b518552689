namespace OpenAmi.Storage.Records
{
    /// <summary>
    /// The one byte order of every integer on flash: most significant byte first, the order of the DLMS and Modbus
    /// frames the gateway already handles, so a hex dump of a record reads like the numbers it holds.
    /// Records written before this order was the rule are read with <see cref="LittleEndian"/>
    /// (<see cref="DualSlotRecordStore.LoadedLegacyFormat"/>).
    /// </summary>
    public static class BigEndian
    {
        public static void PutUInt16(byte[] b, int at, int value)
        {
            b[at] = (byte)(value >> 8);
            b[at + 1] = (byte)value;
        }

        public static void PutUInt32(byte[] b, int at, uint value)
        {
            b[at] = (byte)(value >> 24);
            b[at + 1] = (byte)(value >> 16);
            b[at + 2] = (byte)(value >> 8);
            b[at + 3] = (byte)value;
        }

        public static void PutInt64(byte[] b, int at, long value)
        {
            PutUInt32(b, at, (uint)(value >> 32));
            PutUInt32(b, at + 4, (uint)value);
        }

        public static int GetUInt16(byte[] b, int at) => (b[at] << 8) | b[at + 1];

        public static uint GetUInt32(byte[] b, int at) => (uint)((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]);

        public static long GetInt64(byte[] b, int at) => ((long)GetUInt32(b, at) << 32) | GetUInt32(b, at + 4);
    }
}
