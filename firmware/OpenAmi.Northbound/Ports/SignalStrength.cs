namespace OpenAmi.Northbound.Ports
{
    /// <summary>The received signal the birth message reports (<see cref="IGatewayInfo.SignalDbm"/>).</summary>
    public static class SignalStrength
    {
        /// <summary>
        /// Not measured (no modem answer, AT+CSQ's 99, a route whose signal the platform cannot read): written as null.
        /// Not 0, which would read as an impossibly strong signal.
        /// </summary>
        public const int UnknownDbm = int.MinValue;
    }
}
