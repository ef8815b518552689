using System.IO.Ports;
using nanoFramework.Hardware.Esp32;

namespace OpenAmi.Firmware.Esp32.Adapters.Serial
{
    /// <summary>
    /// Owns COM2 and moves it between the RS-485 transceiver (TX 17, RX 16, RTS 4 → DE and /RE, SerialMode.RS485) and the
    /// optical head (TX 13, RX 14, no direction line). Pins are re-mapped only while the port is closed, as
    /// Configuration.SetPinFunction requires. Callers serialise on <see cref="Sync"/>; selection is idempotent, so a
    /// route that is already active costs one comparison.
    /// </summary>
    public sealed class Com2Router
    {
        private readonly SerialPort _port;
        private readonly int[] _baud = { 9600, 300 };
        private readonly int[] _dataBits = { 8, 7 };
        private readonly Parity[] _parity = { Parity.None, Parity.Even };
        private Com2Route _current;
        private bool _routed;

        public Com2Router()
        {
            _port = new SerialPort("COM2", 9600, Parity.None, 8, StopBits.One);
        }

        /// <summary>Lock held for one whole operation on a routed link, so the two links never interleave bytes.</summary>
        public object Sync { get; } = new object();

        public SerialPort Port => _port;

        /// <summary>Routes COM2 to <paramref name="route"/> with that route's last line settings. Call under <see cref="Sync"/>.</summary>
        public void Select(Com2Route route)
        {
            if (_routed && route == _current)
            {
                return;
            }

            if (_port.IsOpen)
            {
                _port.Close();
            }

            if (route == Com2Route.Rs485)
            {
                Configuration.SetPinFunction(PinMap.RS485_TX, DeviceFunction.COM2_TX);
                Configuration.SetPinFunction(PinMap.RS485_RX, DeviceFunction.COM2_RX);
                Configuration.SetPinFunction(PinMap.RS485_DE, DeviceFunction.COM2_RTS);
                _port.Mode = SerialMode.RS485;
            }
            else
            {
                Configuration.SetPinFunction(PinMap.OPT_TX, DeviceFunction.COM2_TX);
                Configuration.SetPinFunction(PinMap.OPT_RX, DeviceFunction.COM2_RX);
                _port.Mode = SerialMode.Normal;
            }

            int index = (int)route;
            _port.BaudRate = _baud[index];
            _port.DataBits = _dataBits[index];
            _port.Parity = _parity[index];
            _port.Open();
            _current = route;
            _routed = true;
        }

        /// <summary>Remembers a route's line settings (the optical sign-on switches 300 7E1 → 9600 8N1) and applies them if it is active.</summary>
        public void SetLine(Com2Route route, int baudRate, int dataBits, Parity parity)
        {
            int index = (int)route;
            _baud[index] = baudRate;
            _dataBits[index] = dataBits;
            _parity[index] = parity;
            if (_routed && route == _current)
            {
                _port.BaudRate = baudRate;
                _port.DataBits = dataBits;
                _port.Parity = parity;
            }
        }
    }
}
