namespace OpenAmi.Device.Tests.Support
{
    /// <summary>ASCII text to bytes without Encoding (the vectors' challenges and check strings are ASCII).</summary>
    public static class Ascii
    {
        public static byte[] Bytes(string text)
        {
            var bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                bytes[i] = (byte)text[i];
            }

            return bytes;
        }
    }
}
