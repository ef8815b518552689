using System;
using System.Text;

namespace OpenAmi.Dlms.Cosem
{
    /// <summary>
    /// An OBIS code / COSEM logical name (IEC 62056-6-1): six value groups A–F. Parses the display form
    /// "1-0:1.8.0*255", the dotted form "1.0.1.8.0.255" and the short form "1.8.0" (C.D.E, with A=1, B=0,
    /// F=255 as meters print it on their displays).
    /// </summary>
    public struct ObisCode
    {
        private readonly byte _a, _b, _c, _d, _e, _f;

        public ObisCode(int a, int b, int c, int d, int e, int f)
        {
            if (((a | b | c | d | e | f) & ~0xFF) != 0)
            {
                throw new DlmsException(DlmsErrorCode.InvalidArgument, "OBIS value groups are 0..255");
            }

            _a = (byte)a;
            _b = (byte)b;
            _c = (byte)c;
            _d = (byte)d;
            _e = (byte)e;
            _f = (byte)f;
        }

        public int A => _a;
        public int B => _b;
        public int C => _c;
        public int D => _d;
        public int E => _e;
        public int F => _f;

        public static ObisCode FromBytes(byte[] buffer, int offset)
        {
            if (buffer == null || offset < 0 || offset + 6 > buffer.Length)
            {
                throw new DlmsException(DlmsErrorCode.Malformed, "a logical name is 6 bytes");
            }

            return new ObisCode(buffer[offset], buffer[offset + 1], buffer[offset + 2], buffer[offset + 3], buffer[offset + 4], buffer[offset + 5]);
        }

        public void WriteTo(byte[] buffer, int offset)
        {
            buffer[offset] = _a;
            buffer[offset + 1] = _b;
            buffer[offset + 2] = _c;
            buffer[offset + 3] = _d;
            buffer[offset + 4] = _e;
            buffer[offset + 5] = _f;
        }

        public byte[] ToBytes()
        {
            var bytes = new byte[6];
            WriteTo(bytes, 0);
            return bytes;
        }

        public static ObisCode Parse(string text)
        {
            if (!TryParse(text, out ObisCode code))
            {
                throw new DlmsException(DlmsErrorCode.InvalidArgument, "not an OBIS code: '" + text + "'");
            }

            return code;
        }

        public static bool TryParse(string text, out ObisCode code)
        {
            code = default(ObisCode);
            if (text == null)
            {
                return false;
            }

            text = text.Trim();
            var groups = new int[6];
            int count = 0;
            int value = -1;
            bool sawDash = false, sawColon = false, sawStar = false;
            for (int i = 0; i <= text.Length; i++)
            {
                char ch = i < text.Length ? text[i] : '\0';
                if (ch >= '0' && ch <= '9')
                {
                    value = (value < 0 ? 0 : value * 10) + (ch - '0');
                    if (value > 255)
                    {
                        return false;
                    }

                    continue;
                }

                if (value < 0 || count == 6)
                {
                    return false;
                }

                groups[count++] = value;
                value = -1;
                if (ch == '\0')
                {
                    break;
                }

                if (ch == '-')
                {
                    if (count != 1 || sawDash)
                    {
                        return false;
                    }

                    sawDash = true;
                }
                else if (ch == ':')
                {
                    if (count != 2 || sawColon)
                    {
                        return false;
                    }

                    sawColon = true;
                }
                else if (ch == '*' || ch == '&')
                {
                    if (count != 5 || sawStar)
                    {
                        return false;
                    }

                    sawStar = true;
                }
                else if (ch != '.')
                {
                    return false;
                }
            }

            if (sawDash != sawColon)
            {
                return false;
            }

            if (count == 6)
            {
                code = new ObisCode(groups[0], groups[1], groups[2], groups[3], groups[4], groups[5]);
                return true;
            }

            if (count == 5 && sawColon && !sawStar)
            {
                code = new ObisCode(groups[0], groups[1], groups[2], groups[3], groups[4], 255);
                return true;
            }

            if (count == 3 && !sawDash && !sawStar)
            {
                code = new ObisCode(1, 0, groups[0], groups[1], groups[2], 255);
                return true;
            }

            return false;
        }

        /// <summary>"A-B:C.D.E*F", the IEC 62056-6-1 display form.</summary>
        public override string ToString() =>
            new StringBuilder(20).Append(A).Append('-').Append(B).Append(':').Append(C).Append('.')
                .Append(D).Append('.').Append(E).Append('*').Append(F).ToString();

        /// <summary>"A.B.C.D.E.F", the form used in configuration files and on the CLI.</summary>
        public string ToDottedString() =>
            new StringBuilder(20).Append(A).Append('.').Append(B).Append('.').Append(C).Append('.')
                .Append(D).Append('.').Append(E).Append('.').Append(F).ToString();

        public override bool Equals(object obj) => obj is ObisCode other && this == other;

        public override int GetHashCode() => (A << 24 | B << 16 | C << 8 | D) ^ (E << 8 | F) * 31;

        public static bool operator ==(ObisCode x, ObisCode y) =>
            x._a == y._a && x._b == y._b && x._c == y._c && x._d == y._d && x._e == y._e && x._f == y._f;

        public static bool operator !=(ObisCode x, ObisCode y) => !(x == y);
    }
}
