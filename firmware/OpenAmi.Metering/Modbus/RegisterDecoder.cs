using OpenAmi.Json;

namespace OpenAmi.Metering.Modbus
{
    /// <summary>Turns register bytes into a number without allocating (no BitConverter arrays).</summary>
    public static class RegisterDecoder
    {
        /// <summary>
        /// Decodes the value at <paramref name="offset"/>; returns false for a float32 NaN or infinity
        /// (a meter's "no value", never a reading).
        /// </summary>
        public static bool TryDecode(byte[] data, int offset, RegisterEncoding encoding, RegisterOrder order, out double value)
        {
            if (RegisterEncodings.RegisterCount(encoding) == 1)
            {
                bool swapped = order == RegisterOrder.Badc || order == RegisterOrder.Dcba;
                int hi = data[offset + (swapped ? 1 : 0)];
                int lo = data[offset + (swapped ? 0 : 1)];
                int word = (hi << 8) | lo;
                value = encoding == RegisterEncoding.Int16 && word >= 0x8000 ? word - 0x10000 : word;
                return true;
            }

            uint bits = Assemble32(data, offset, order);
            switch (encoding)
            {
                case RegisterEncoding.UInt32:
                    value = bits;
                    return true;
                case RegisterEncoding.Int32:
                    value = (int)bits;
                    return true;
                default:
                    return TryFloat32(bits, out value);
            }
        }

        /// <summary>Reassembles A (most significant) .. D from the wire order.</summary>
        private static uint Assemble32(byte[] d, int o, RegisterOrder order)
        {
            switch (order)
            {
                case RegisterOrder.Abcd: return ((uint)d[o] << 24) | ((uint)d[o + 1] << 16) | ((uint)d[o + 2] << 8) | d[o + 3];
                case RegisterOrder.Cdab: return ((uint)d[o + 2] << 24) | ((uint)d[o + 3] << 16) | ((uint)d[o] << 8) | d[o + 1];
                case RegisterOrder.Badc: return ((uint)d[o + 1] << 24) | ((uint)d[o] << 16) | ((uint)d[o + 3] << 8) | d[o + 2];
                default: return ((uint)d[o + 3] << 24) | ((uint)d[o + 2] << 16) | ((uint)d[o + 1] << 8) | d[o];
            }
        }

        /// <summary>
        /// IEEE 754 binary32 from its bit pattern, as the double of its shortest round-tripping decimal: a meter
        /// that sends the float nearest 230.1 V means 230.1, and northbound shows 230.1, not 230.10000610351562.
        /// </summary>
        private static bool TryFloat32(uint bits, out double value) => Float32Decimal.TryToDouble(bits, out value);
    }
}
