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

        public static string Name(RegisterEncoding encoding)
        {
            switch (encoding)
            {
                case RegisterEncoding.UInt16: return "uint16";
                case RegisterEncoding.Int16: return "int16";
                case RegisterEncoding.UInt32: return "uint32";
                case RegisterEncoding.Int32: return "int32";
                default: return "float32";
            }
        }

        /// <summary>Parses <see cref="Name"/>'s output; false when unknown.</summary>
        public static bool TryParse(string name, out RegisterEncoding encoding)
        {
            for (int i = 0; i <= (int)RegisterEncoding.Float32; i++)
            {
                if (Name((RegisterEncoding)i) == name)
                {
                    encoding = (RegisterEncoding)i;
                    return true;
                }
            }

            encoding = RegisterEncoding.UInt16;
            return false;
        }

        public static string OrderName(RegisterOrder order)
        {
            switch (order)
            {
                case RegisterOrder.Abcd: return "ABCD";
                case RegisterOrder.Cdab: return "CDAB";
                case RegisterOrder.Badc: return "BADC";
                default: return "DCBA";
            }
        }

        public static bool TryParseOrder(string name, out RegisterOrder order)
        {
            for (int i = 0; i <= (int)RegisterOrder.Dcba; i++)
            {
                if (OrderName((RegisterOrder)i) == name)
                {
                    order = (RegisterOrder)i;
                    return true;
                }
            }

            order = RegisterOrder.Abcd;
            return false;
        }
    }
}
