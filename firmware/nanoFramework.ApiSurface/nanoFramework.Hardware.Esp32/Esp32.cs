// Upstream: github.com/nanoframework/nanoFramework.Hardware.Esp32 tag v1.6.37 (commit b9346f8259c0b37e8d1cc96ecc212007a44e35e3),
// nanoFramework.Hardware.Esp32/{Configuration,DeviceTypePins,HighResTimer}.cs.
// Enum values are the real encoding: DeviceTypes.X * 0x10000 + index * 0x100 + function (SERIAL = 3, I2C = 2).
namespace nanoFramework.Hardware.Esp32
{
    public enum DeviceFunction
    {
        I2C1_DATA = 0x20100,
        I2C1_CLOCK = 0x20101,
        COM2_TX = 0x30200,
        COM2_RX = 0x30201,
        COM2_RTS = 0x30202,
        COM3_TX = 0x30300,
        COM3_RX = 0x30301,
    }

    public class Configuration
    {
        public static void SetPinFunction(int pin, DeviceFunction value) => throw null;
        public static int GetFunctionPin(DeviceFunction function) => throw null;
    }

    public class HighResTimer : System.IDisposable
    {
        /// <summary>Microseconds since boot.</summary>
        public static ulong GetCurrent() => throw null;
        public void Dispose() => throw null;
    }
}
