using System;
using System.IO.Ports;
using System.Threading;
using OpenAmi.Platform;

namespace OpenAmi.Firmware.Esp32.Adapters.Serial
{
    /// <summary>
    /// One open ESP32 UART as the byte pipe the DLMS, Modbus and modem code talk through.
    /// Reads only what <see cref="SerialPort.BytesToRead"/> reports, because the nanoFramework Read blocks until the
    /// full count arrives and throws on an empty timeout, while the ports promise "return what is there, 0 on timeout".
    /// </summary>
    public sealed class UartByteLink : IByteLink
    {
        // Granularity of the managed scheduler (docs/device-subset.md): polling finer than this only burns the quantum.
        private const int PollMs = 10;

        private readonly SerialPort _port;
        private readonly byte[] _scratch = new byte[64];

        /// <param name="port">An open port; its pins are already routed with Configuration.SetPinFunction.</param>
        public UartByteLink(SerialPort port)
        {
            _port = port;
        }

        /// <summary>Opens COM3 (the modem) or a dedicated UART at 8N1; pins must already be routed.</summary>
        public static UartByteLink Open(string portName, int baudRate)
        {
            var port = new SerialPort(portName, baudRate, Parity.None, 8, StopBits.One);
            port.Open();
            return new UartByteLink(port);
        }

        public void Write(byte[] buffer, int offset, int count) => _port.Write(buffer, offset, count);

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            long deadline = Environment.TickCount64 + timeoutMs;
            while (true)
            {
                int available = _port.BytesToRead;
                if (available > 0)
                {
                    return _port.Read(buffer, offset, available < count ? available : count);
                }

                if (Environment.TickCount64 >= deadline)
                {
                    return 0;
                }

                Thread.Sleep(PollMs);
            }
        }

        public void Configure(int baudRate, LineFormat format)
        {
            // nanoFramework re-applies line settings to an open port; no Close/Open needed.
            _port.BaudRate = baudRate;
            if (format == LineFormat.SevenEvenOne)
            {
                _port.DataBits = 7;
                _port.Parity = Parity.Even;
            }
            else
            {
                _port.DataBits = 8;
                _port.Parity = Parity.None;
            }
        }

        public void DiscardInput()
        {
            // The device SerialPort has no DiscardInBuffer: drain what is buffered into a small scratch array.
            byte[] scratch = _scratch;
            int pending;
            while ((pending = _port.BytesToRead) > 0)
            {
                _port.Read(scratch, 0, pending < scratch.Length ? pending : scratch.Length);
            }
        }

        public void Delay(int milliseconds) => Thread.Sleep(milliseconds);
    }
}
