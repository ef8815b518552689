using System;

namespace OpenAmi.Metering.Data
{
    /// <summary>What kind of value a <see cref="MeterValue"/> currently holds.</summary>
    public enum MeterValueKind
    {
        None = 0,
        /// <summary>A number as the meter sent it (before scaler).</summary>
        Number = 1,
        Boolean = 2,
        /// <summary>Octet string or visible string bytes (serials, COSEM date-time).</summary>
        Bytes = 3,
        /// <summary>A COSEM scaler_unit structure.</summary>
        ScalerUnit = 4,
    }

    /// <summary>
    /// A caller-owned, reusable holder for one attribute value, so a poll loop reads without allocating.
    /// Byte values are copied into <see cref="Bytes"/> (grown only when a longer value arrives).
    /// </summary>
    public sealed class MeterValue
    {
        public MeterValueKind Kind;
        public double Number;
        public bool Flag;
        public byte[] Bytes = new byte[32];
        public int ByteCount;
        public int Scaler;
        public int UnitCode;

        public void Clear()
        {
            Kind = MeterValueKind.None;
            Number = 0;
            Flag = false;
            ByteCount = 0;
            Scaler = 0;
            UnitCode = 0;
        }

        public void SetNumber(double number)
        {
            Kind = MeterValueKind.Number;
            Number = number;
        }

        public void SetBoolean(bool flag)
        {
            Kind = MeterValueKind.Boolean;
            Flag = flag;
        }

        public void SetScalerUnit(int scaler, int unitCode)
        {
            Kind = MeterValueKind.ScalerUnit;
            Scaler = scaler;
            UnitCode = unitCode;
        }

        public void SetBytes(byte[] source, int offset, int count)
        {
            if (Bytes.Length < count)
            {
                Bytes = new byte[count];
            }

            Array.Copy(source, offset, Bytes, 0, count);
            ByteCount = count;
            Kind = MeterValueKind.Bytes;
        }

        /// <summary>The held bytes as text (serial numbers, firmware identifiers are visible strings).</summary>
        public string BytesAsText()
        {
            var chars = new char[ByteCount];
            for (int i = 0; i < ByteCount; i++)
            {
                byte b = Bytes[i];
                chars[i] = b >= 0x20 && b < 0x7F ? (char)b : '?';
            }

            return new string(chars);
        }
    }
}
