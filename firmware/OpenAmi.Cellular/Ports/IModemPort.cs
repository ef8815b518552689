namespace OpenAmi.Cellular.Ports
{
    /// <summary>
    /// The byte stream to the modem's AT UART (device: COM3 at 115200 8N1 through the 1.8 V level shifter; host tests:
    /// a scripted modem). The members have the same signatures as the DLMS byte link so one UART adapter serves both.
    /// </summary>
    public interface IModemPort
    {
        /// <summary>Transmits bytes; returns once they are handed to the line.</summary>
        void Write(byte[] buffer, int offset, int count);

        /// <summary>Returns as soon as at least one byte is available (up to <paramref name="count"/>), or 0 once <paramref name="timeoutMs"/> elapses.</summary>
        int Read(byte[] buffer, int offset, int count, int timeoutMs);

        /// <summary>Waits; a simulated modem advances simulated time instead of sleeping.</summary>
        void Delay(int milliseconds);
    }
}
