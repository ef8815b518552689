using System;

namespace OpenAmi.Cellular.Tls
{
    /// <summary>
    /// The broker's CA certificate as nanoFramework's X509Certificate(byte[]) parser needs it. That parser hands the bytes
    /// to mbedTLS, which reads PEM only as a zero-terminated string (the length it is given must include the terminator);
    /// the provisioned file has none, so PEM text gets one. DER is binary with its own length and stays as it is. The
    /// modem's AT+CCERTDOWN wants the file's exact bytes, so the original array is never changed.
    /// </summary>
    public static class CaCertificateText
    {
        private static readonly byte[] PemStart = { (byte)'-', (byte)'-', (byte)'-', (byte)'-', (byte)'-', (byte)'B', (byte)'E', (byte)'G', (byte)'I', (byte)'N' };

        /// <summary>PEM without a terminator: a copy with one zero byte added; DER or already terminated PEM: the same array.</summary>
        public static byte[] ForParser(byte[] certificate)
        {
            if (!IsPem(certificate) || certificate[certificate.Length - 1] == 0)
            {
                return certificate;
            }

            byte[] terminated = new byte[certificate.Length + 1];
            Array.Copy(certificate, terminated, certificate.Length);
            return terminated;
        }

        /// <summary>PEM text starts with "-----BEGIN" (RFC 7468 section 2), possibly after blank lines or a UTF-8 byte order mark.</summary>
        public static bool IsPem(byte[] certificate)
        {
            int start = 0;
            while (start < certificate.Length && (certificate[start] == (byte)'\r' || certificate[start] == (byte)'\n'
                || certificate[start] == (byte)' ' || certificate[start] == 0xEF || certificate[start] == 0xBB || certificate[start] == 0xBF))
            {
                start++;
            }

            if (certificate.Length - start < PemStart.Length)
            {
                return false;
            }

            for (int i = 0; i < PemStart.Length; i++)
            {
                if (certificate[start + i] != PemStart[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
