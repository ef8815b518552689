namespace OpenAmi.Metering.Modbus
{
    /// <summary>
    /// Where a Modbus meter keeps one COSEM-addressed value: function, register, encoding, order, and the
    /// scaler/unit that make the raw number physical (raw × 10^scaler in unit), as a COSEM register would.
    /// </summary>
    public sealed class ModbusPoint
    {
        public ModbusPoint(byte[] logicalName, int function, int register, RegisterEncoding encoding, RegisterOrder order,
            int scaler, int unitCode)
        {
            LogicalName = logicalName;
            Function = function;
            Register = register;
            Encoding = encoding;
            Order = order;
            Scaler = scaler;
            UnitCode = unitCode;
        }

        public byte[] LogicalName { get; }

        public int Function { get; }

        public int Register { get; }

        public RegisterEncoding Encoding { get; }

        public RegisterOrder Order { get; }

        public int Scaler { get; }

        public int UnitCode { get; }
    }
}
