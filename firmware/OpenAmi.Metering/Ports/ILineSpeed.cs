namespace OpenAmi.Metering.Ports
{
    /// <summary>
    /// The bus's baud rate, changeable for a moment: commissioning looks for factory-fresh meters at their
    /// documented speed (8 data bits, no parity, 1 stop bit) and then puts the line back.
    /// </summary>
    public interface ILineSpeed
    {
        int Baud { get; }

        void SetBaud(int baud);
    }
}
