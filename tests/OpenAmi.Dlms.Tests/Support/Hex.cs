namespace OpenAmi.Dlms.Tests.Support;

internal static class Hex
{
    /// <summary>Hex text with optional spaces, dashes or newlines to bytes.</summary>
    public static byte[] Bytes(string text)
    {
        var clean = new string(text.Where(Uri.IsHexDigit).ToArray());
        return Convert.FromHexString(clean);
    }

    public static string Of(byte[] bytes, int offset, int count) => Convert.ToHexString(bytes, offset, count);

    public static string Of(byte[] bytes) => Convert.ToHexString(bytes);
}
