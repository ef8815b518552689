using System;
using System.Text;
using OpenAmi.Json;
using OpenAmi.Northbound.Ports;

namespace OpenAmi.Northbound.Commands
{
    /// <summary>
    /// signature = lowercase hex of HMAC-SHA256(gateway key, "OPENAMI-CMD-1\n" + topic + "\n" + JCS(command without "signature")).
    /// The topic binds a command to one meter of one gateway; JCS (RFC 8785) makes the bytes independent of how
    /// the head-end's JSON library orders members or formats numbers.
    /// </summary>
    public static class CommandSignature
    {
        public const string Domain = "OPENAMI-CMD-1\n";
        public const int MacLength = 32;

        private const string Hex = "0123456789abcdef";

        /// <summary>The exact bytes the MAC covers.</summary>
        public static byte[] SignedBytes(string topic, JsonNode command)
        {
            JsonWriter writer = new JsonWriter();
            CanonicalJson.Write(writer, command, "signature");
            byte[] prefix = Encoding.UTF8.GetBytes(Domain + topic + "\n");
            byte[] all = new byte[prefix.Length + writer.Length];
            Array.Copy(prefix, all, prefix.Length);
            Array.Copy(writer.Buffer, 0, all, prefix.Length, writer.Length);
            return all;
        }

        /// <summary>What a head-end puts in "signature" (also used by the emulator's head-end and the tests).</summary>
        public static string Sign(ICommandKey key, string topic, JsonNode command)
        {
            byte[] mac = Compute(key, topic, command);
            char[] text = new char[MacLength * 2];
            for (int i = 0; i < MacLength; i++)
            {
                text[2 * i] = Hex[mac[i] >> 4];
                text[(2 * i) + 1] = Hex[mac[i] & 0xF];
            }

            return new string(text);
        }

        /// <summary>Constant-time comparison of the presented signature with the expected MAC; any malformed hex is false.</summary>
        public static bool Verify(ICommandKey key, string topic, JsonNode command, string signature)
        {
            if (signature == null || signature.Length != MacLength * 2)
            {
                return false;
            }

            byte[] mac = Compute(key, topic, command);
            int difference = 0;
            for (int i = 0; i < MacLength; i++)
            {
                int high = Hex.IndexOf(signature[2 * i]);
                int low = Hex.IndexOf(signature[(2 * i) + 1]);
                difference |= (high | low) < 0 ? 0x100 : ((high << 4) | low) ^ mac[i];
            }

            return difference == 0;
        }

        private static byte[] Compute(ICommandKey key, string topic, JsonNode command)
        {
            byte[] signed = SignedBytes(topic, command);
            byte[] mac = new byte[MacLength];
            key.ComputeMac(signed, 0, signed.Length, mac, 0);
            return mac;
        }
    }
}
