namespace OpenAmi.Dlms.Link
{
    /// <summary>Character framing of the serial line; IEC 62056-21 sign-on runs at 7E1, HDLC at 8N1.</summary>
    public enum LineFormat
    {
        EightNoneOne = 0,
        SevenEvenOne = 1,
    }

    /// <summary>
    /// The port the DLMS library talks through: a half-duplex byte pipe to one RS-485 bus or optical head.
    /// Implemented by the ESP32 UART adapter on the device and by the simulated bus / termios adapter on a PC.
    /// </summary>
    public interface IByteLink
    {
        /// <summary>
        /// Transmits bytes and returns once the last one has left the transmitter (drained), as half-duplex
        /// RS-485 direction control and the IEC 62056-21 baud switch both require.
        /// </summary>
        void Write(byte[] buffer, int offset, int count);

        /// <summary>
        /// Returns as soon as at least one byte is available (up to <paramref name="count"/>), or 0 once
        /// <paramref name="timeoutMs"/> elapses with nothing received.
        /// </summary>
        int Read(byte[] buffer, int offset, int count, int timeoutMs);

        /// <summary>Changes baud rate and character framing (used by the IEC 62056-21 mode E baud switch).</summary>
        void Configure(int baudRate, LineFormat format);

        /// <summary>Drops anything received but not yet read.</summary>
        void DiscardInput();

        /// <summary>Waits; a simulated link may advance simulated time instead of sleeping.</summary>
        void Delay(int milliseconds);
    }
}
