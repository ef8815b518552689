using System;
using System.IO.Ports;
using System.Threading;
using OpenAmi.Dlms.Link;
using OpenAmi.Metering.Ports;

namespace OpenAmi.Firmware.Esp32.Adapters.Serial
{
    /// <summary>
    /// One ESP32 UART (COM2 or COM3) as the byte pipe the DLMS and Modbus code talk through.
    /// Reads only what <see cref="SerialPort.BytesToRead"/> reports, because the nanoFramework Read blocks until the
    /// full count arrives and throws on an empty timeout, while the ports promise "return what is there, 0 on timeout".
    /// </summary>
    public sealed class UartByteLink : IByteLink, ISerialLink
    {
        // Granularity of the managed scheduler (NANO-SUBSET.md): polling finer than this only burns the quantum.
        private const int PollMs = 10;

        private readonly SerialPort _port;
        private readonly byte[] _scratch = new byte[64];

        /// <param name="portName">"COM2" or "COM3"; pins must already be routed with Configuration.SetPinFunction.</param>
        /// <param name="rs485">Drive the transceiver's DE/RE from the UART's RTS while sending.</param>
        public UartByteLink(string portName, int baudRate, bool rs485)
        {
            _port = new SerialPort(portName, baudRate, Parity.None, 8, StopBits.One);
            _port.Mode = rs485 ? SerialMode.RS485 : SerialMode.Normal;
            _port.Open();
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
