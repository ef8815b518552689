using OpenAmi.Platform;

namespace OpenAmi.Dlms.Tests.Support;

/// <summary>A link that is never answered: for what a link or client allocates before it talks.</summary>
internal sealed class NoLink : IByteLink
{
    public void Write(byte[] buffer, int offset, int count)
    {
    }

    public int Read(byte[] buffer, int offset, int count, int timeoutMs) => 0;

    public void Configure(int baudRate, LineFormat format)
    {
    }

    public void DiscardInput()
    {
    }

    public void Delay(int milliseconds)
    {
    }
}
