namespace OpenAmi.Metering.Modbus
{
    /// <summary>How a meter packs a value into 16-bit registers.</summary>
    public enum RegisterEncoding
    {
        UInt16 = 0,
        Int16 = 1,
        UInt32 = 2,
        Int32 = 3,
        Float32 = 4,
    }

    /// <summary>
    /// Byte order of a value across its registers, named by where bytes A (most significant) .. D land on the wire.
    /// Modbus itself only fixes big-endian bytes within one register; word order is the vendor's choice.
    /// </summary>
    public enum RegisterOrder
    {
        /// <summary>High word first, big-endian bytes: the Modbus default (Eastron, CHINT, Hiking).</summary>
        Abcd = 0,
        /// <summary>Low word first ("word swapped").</summary>
        Cdab = 1,
        /// <summary>High word first with the bytes of each register swapped.</summary>
        Badc = 2,
        /// <summary>Fully little-endian.</summary>
        Dcba = 3,
    }

    public static class RegisterEncodings
    {
        public static int RegisterCount(RegisterEncoding encoding) =>
            encoding == RegisterEncoding.UInt16 || encoding == RegisterEncoding.Int16 ? 1 : 2;

        /// <summary>The profile names of the encodings, indexed by <see cref="RegisterEncoding"/>.</summary>
        public static readonly string[] Names = { "uint16", "int16", "uint32", "int32", "float32" };

        /// <summary>The profile names of the word and byte orders, indexed by <see cref="RegisterOrder"/>.</summary>
        public static readonly string[] OrderNames = { "ABCD", "CDAB", "BADC", "DCBA" };

        public static string Name(RegisterEncoding encoding) => Names[(int)encoding];
    }
}
