using System;
using OpenAmi.Dlms.Cosem;

namespace OpenAmi.Metering.Vmrs
{
    /// <summary>
    /// Logical names as the six bytes the metering layer passes around, parsed and printed by
    /// <see cref="ObisCode"/> ("A-B:C.D.E*F", "A-B:C.D.E", "A.B.C.D.E.F", and "C.D.E" for 1-0:C.D.E*255).
    /// </summary>
    public static class ObisName
    {
        public const string ExpectedForms = "expected a logical name such as \"1-0:1.8.0*255\" or \"0.0.96.1.0.255\"";

        /// <summary>Six bytes, or null when the text is not a logical name.</summary>
        public static byte[] TryParse(string text)
        {
            ObisCode code;
            return ObisCode.TryParse(text, out code) ? code.ToBytes() : null;
        }

        /// <summary>Parses a name known to be valid (catalogue and built-in tables); throws on a programming error.</summary>
        public static byte[] Parse(string text)
        {
            var bytes = TryParse(text);
            if (bytes == null)
            {
                throw new ArgumentException("not a logical name: " + text);
            }

            return bytes;
        }

        /// <summary>"A-B:C.D.E*F".</summary>
        public static string Format(byte[] name) => ObisCode.FromBytes(name, 0).ToString();

        public static bool Equal(byte[] a, byte[] b)
        {
            for (int i = 0; i < 6; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
