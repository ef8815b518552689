namespace OpenAmi.Platform
{
    /// <summary>Character framing of the serial line; IEC 62056-21 sign-on runs at 7E1, HDLC, Modbus RTU and the modem at 8N1.</summary>
    public enum LineFormat
    {
        EightNoneOne = 0,
        SevenEvenOne = 1,
    }

    /// <summary>
    /// The one byte pipe every protocol talks through: a half-duplex RS-485 bus or optical head (DLMS, Modbus), the
    /// modem's AT UART, a TCP stream. Implemented by the ESP32 UART adapter on the device and by simulated buses,
    /// scripted modems and the termios/TCP adapters on a PC. Its <see cref="IDelay.Delay"/> waits in the link's time
    /// (a simulated link advances simulated time).
    /// </summary>
    public interface IByteLink : IDelay
    {
        /// <summary>
        /// Transmits bytes and returns once the last one has left the transmitter (drained), as half-duplex
        /// RS-485 direction control and the IEC 62056-21 baud switch both require.
        /// </summary>
        void Write(byte[] buffer, int offset, int count);

        /// <summary>
        /// Returns as soon as at least one byte is available (up to <paramref name="count"/>), or 0 once
        /// <paramref name="timeoutMs"/> elapses with nothing received. A protocol that needs a whole frame reads again.
        /// </summary>
        int Read(byte[] buffer, int offset, int count, int timeoutMs);

        /// <summary>Changes baud rate and character framing (the IEC 62056-21 mode E baud switch, Modbus commissioning).</summary>
        void Configure(int baudRate, LineFormat format);

        /// <summary>Drops anything received but not yet read (late answers from a previous transaction).</summary>
        void DiscardInput();
    }
}
