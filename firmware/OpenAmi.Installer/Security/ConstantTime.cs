namespace OpenAmi.Installer.Security
{
    /// <summary>
    /// Byte comparison whose time does not depend on where two secrets first differ, so answering a guess tells nothing
    /// about how much of it was right: every byte is read and the differences are OR-ed, with no early exit.
    /// </summary>
    public static class ConstantTime
    {
        public static bool Equal(byte[] a, byte[] b)
        {
            int length = a.Length < b.Length ? a.Length : b.Length;
            int difference = a.Length ^ b.Length;
            for (int i = 0; i < length; i++)
            {
                difference |= a[i] ^ b[i];
            }

            return difference == 0;
        }
    }
}
