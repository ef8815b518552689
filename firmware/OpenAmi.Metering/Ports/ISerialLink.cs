namespace OpenAmi.Metering.Ports
{
    /// <summary>A half-duplex byte link (RS-485) as the Modbus master needs it; the device adapter wraps SerialPort.</summary>
    public interface ISerialLink
    {
        /// <summary>Drops anything already received (late answers from a previous transaction).</summary>
        void DiscardInput();

        void Write(byte[] buffer, int offset, int count);

        /// <summary>Reads up to <paramref name="count"/> bytes; returns how many arrived before <paramref name="timeoutMs"/>.</summary>
        int Read(byte[] buffer, int offset, int count, int timeoutMs);
    }
}
