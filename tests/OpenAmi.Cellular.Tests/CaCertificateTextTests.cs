using System.Text;
using OpenAmi.Cellular.Tls;

namespace OpenAmi.Cellular.Tests;

/// <summary>
/// The CA bytes handed to nanoFramework's X509Certificate(byte[]): mbedTLS's mbedtls_x509_crt_parse treats a buffer as
/// PEM only when its last byte is the zero terminator (and counts it in the length); nanoFramework's own
/// X509Certificate(string) adds that zero for the same reason. DER (ITU-T X.690: a certificate starts with the
/// SEQUENCE tag 0x30) is passed unchanged.
/// </summary>
public sealed class CaCertificateTextTests
{
    private const string Pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    [Fact]
    public void Pem_without_a_terminator_gets_one_and_the_provisioned_bytes_stay_as_they_are()
    {
        byte[] file = Encoding.ASCII.GetBytes(Pem);
        byte[] original = (byte[])file.Clone();

        byte[] parsed = CaCertificateText.ForParser(file);

        Assert.Equal(file.Length + 1, parsed.Length);
        Assert.Equal(0, parsed[^1]);
        Assert.Equal(file, parsed[..^1]);
        Assert.Equal(original, file);
    }

    [Fact]
    public void Pem_after_a_byte_order_mark_and_blank_lines_is_still_pem()
    {
        byte[] file = [0xEF, 0xBB, 0xBF, (byte)'\r', (byte)'\n', .. Encoding.ASCII.GetBytes(Pem)];
        Assert.True(CaCertificateText.IsPem(file));
        Assert.Equal(0, CaCertificateText.ForParser(file)[^1]);
    }

    [Fact]
    public void Terminated_pem_and_der_are_passed_unchanged()
    {
        byte[] terminated = [.. Encoding.ASCII.GetBytes(Pem), 0];
        byte[] der = [0x30, 0x82, 0x01, 0x0A, 0x30, 0x81];
        Assert.Same(terminated, CaCertificateText.ForParser(terminated));
        Assert.Same(der, CaCertificateText.ForParser(der));
        Assert.False(CaCertificateText.IsPem(der));
    }
}
