using OpenAmi.Platform;

namespace OpenAmi.Metering.Modbus
{
    /// <summary>
    /// Modbus RTU master for functions 03 (read holding registers) and 04 (read input registers)
    /// (Modbus Application Protocol V1.1b3, 6.3 and 6.4). Owns its request and response buffers, so a
    /// transaction allocates nothing. The link returns whatever has arrived; the master reads on until a frame part is
    /// complete, with the timeout applying to each gap, so a frame that stops mid-way ends after one timeout.
    /// </summary>
    public sealed class ModbusMaster
    {
        public const int ReadHoldingRegisters = 0x03;
        public const int ReadInputRegisters = 0x04;

        /// <summary>Protocol limit for one read of 16-bit registers (spec: 1..125).</summary>
        public const int MaxRegistersPerRead = 125;

        /// <summary>Offset of the first data byte in <see cref="Response"/> after an Ok read.</summary>
        public const int DataOffset = 3;

        private readonly IByteLink _link;
        private readonly byte[] _request = new byte[8];
        private readonly byte[] _response = new byte[DataOffset + 2 * MaxRegistersPerRead + 2];

        public ModbusMaster(IByteLink link, int responseTimeoutMs)
        {
            _link = link;
            ResponseTimeoutMs = responseTimeoutMs;
        }

        public int ResponseTimeoutMs { get; set; }

        /// <summary>The last response frame; register data starts at <see cref="DataOffset"/>.</summary>
        public byte[] Response => _response;

        /// <summary>Exception code of the last <see cref="ModbusStatus.Exception"/> (1 illegal function, 2 illegal address, …).</summary>
        public int LastExceptionCode { get; private set; }

        /// <summary>Bytes put on and taken off the wire by the last transaction (for sweep accounting).</summary>
        public int LastWireBytes { get; private set; }

        public ModbusStatus ReadRegisters(int unit, int function, int startRegister, int count)
        {
            LastExceptionCode = 0;
            _request[0] = (byte)unit;
            _request[1] = (byte)function;
            _request[2] = (byte)(startRegister >> 8);
            _request[3] = (byte)startRegister;
            _request[4] = (byte)(count >> 8);
            _request[5] = (byte)count;
            int length = Crc16Modbus.Append(_request, 0, 6);

            _link.DiscardInput();
            _link.Write(_request, 0, length);
            LastWireBytes = length;

            // Unit, function, and byte count (or exception code) first: they decide how much more follows.
            int got = ReadFully(0, 3);
            LastWireBytes += got;
            if (got == 0)
            {
                return ModbusStatus.Timeout;
            }

            if (got < 3)
            {
                return ModbusStatus.CrcError;
            }

            if (_response[1] == (byte)(function | 0x80))
            {
                return ReadException();
            }

            int byteCount = _response[2];
            int rest = byteCount + 2;
            if (rest > _response.Length - 3)
            {
                return ModbusStatus.BadResponse;
            }

            got = ReadFully(3, rest);
            LastWireBytes += got;
            if (got < rest || !Crc16Modbus.Check(_response, 0, 3 + rest))
            {
                return ModbusStatus.CrcError;
            }

            if (_response[0] != (byte)unit || _response[1] != (byte)function || byteCount != 2 * count)
            {
                return ModbusStatus.BadResponse;
            }

            return ModbusStatus.Ok;
        }

        private ModbusStatus ReadException()
        {
            int got = ReadFully(3, 2);
            LastWireBytes += got;
            if (got < 2 || !Crc16Modbus.Check(_response, 0, 5))
            {
                return ModbusStatus.CrcError;
            }

            LastExceptionCode = _response[2];
            return ModbusStatus.Exception;
        }

        /// <summary>Reads into <see cref="Response"/> until <paramref name="count"/> bytes arrived or a gap reached the timeout; returns how many arrived.</summary>
        private int ReadFully(int offset, int count)
        {
            int got = 0;
            while (got < count)
            {
                int n = _link.Read(_response, offset + got, count - got, ResponseTimeoutMs);
                if (n == 0)
                {
                    break;
                }

                got += n;
            }

            return got;
        }
    }
}
