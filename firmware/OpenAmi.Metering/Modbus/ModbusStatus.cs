namespace OpenAmi.Metering.Modbus
{
    /// <summary>Outcome of one Modbus RTU transaction.</summary>
    public enum ModbusStatus
    {
        Ok = 0,
        /// <summary>Nothing came back within the response timeout.</summary>
        Timeout = 1,
        /// <summary>A frame arrived with a wrong CRC or was cut short.</summary>
        CrcError = 2,
        /// <summary>A well-formed frame that does not answer the request (other unit, function or length).</summary>
        BadResponse = 3,
        /// <summary>The slave answered with an exception response; see <see cref="ModbusMaster.LastExceptionCode"/>.</summary>
        Exception = 4,
    }
}
