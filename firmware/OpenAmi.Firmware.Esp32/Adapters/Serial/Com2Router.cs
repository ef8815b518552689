using System.IO.Ports;
using nanoFramework.Hardware.Esp32;
using OpenAmi.Gateway.Buses;

namespace OpenAmi.Firmware.Esp32.Adapters.Serial
{
    /// <summary>
    /// Owns COM2 and moves it between the RS-485 transceiver (TX 17, RX 16, RTS 4 → DE and /RE, SerialMode.RS485) and the
    /// optical head (TX 13, RX 14, no direction line): Close, Configuration.SetPinFunction, Open, since pins are re-mapped
    /// only while the port is closed. It is the <see cref="IBusSwitch"/> of COM2's <see cref="BusArbiter"/> (bus id =
    /// <see cref="Com2Route"/>), so only the arbiter's current owner ever reaches it.
    /// </summary>
    public sealed class Com2Router : IBusSwitch
    {
        public const int BusCount = 2;

        private readonly SerialPort _port;
        private readonly int[] _baud = { 9600, 300 };
        private readonly int[] _dataBits = { 8, 7 };
        private readonly Parity[] _parity = { Parity.None, Parity.Even };
        private int _current = BusArbiter.NoBus;

        public Com2Router()
        {
            _port = new SerialPort("COM2", 9600, Parity.None, 8, StopBits.One);
        }

        public SerialPort Port => _port;

        /// <summary>Routes COM2 to <paramref name="busId"/> (a <see cref="Com2Route"/>) with that route's last line settings.</summary>
        public void SwitchTo(int busId)
        {
            _current = BusArbiter.NoBus;
            if (_port.IsOpen)
            {
                _port.Close();
            }

            if (busId == (int)Com2Route.Rs485)
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

            _port.BaudRate = _baud[busId];
            _port.DataBits = _dataBits[busId];
            _port.Parity = _parity[busId];
            _port.Open();
            _current = busId;
        }

        /// <summary>
        /// Remembers a route's line settings (the optical sign-on switches 300 7E1 → 9600 8N1) and applies them if it is
        /// active. Call while holding that route's bus.
        /// </summary>
        public void SetLine(Com2Route route, int baudRate, int dataBits, Parity parity)
        {
            int index = (int)route;
            _baud[index] = baudRate;
            _dataBits[index] = dataBits;
            _parity[index] = parity;
            if (index == _current)
            {
                _port.BaudRate = baudRate;
                _port.DataBits = dataBits;
                _port.Parity = parity;
            }
        }
    }
}
