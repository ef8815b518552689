// Upstream: github.com/nanoframework/System.Device.I2c tag v1.1.29 (commit ac5858c8be7d7b917854328ebc023c8bf66dbfee),
// System.Device.I2c/{I2cDevice,I2cConnectionSettings,I2cBusSpeed,I2cTransferResult,I2cTransferStatus}.cs.
// At this tag there is no sharing mode: settings are (busId, address) or (busId, address, busSpeed). On the 1.x line
// the transfer buffers are SpanByte (Span<byte>/ReadOnlySpan<byte> belong to the 2.x previews).
namespace System.Device.I2c
{
    public enum I2cBusSpeed { StandardMode, FastMode }

    public enum I2cTransferStatus { UnknownError, FullTransfer, ClockStretchTimeout, PartialTransfer, SlaveAddressNotAcknowledged }

    public struct I2cTransferResult
    {
        public uint BytesTransferred => throw null;
        public I2cTransferStatus Status => throw null;
    }

    public sealed class I2cConnectionSettings
    {
        public I2cConnectionSettings(int busId, int deviceAddress) { }
        public I2cConnectionSettings(int busId, int deviceAddress, I2cBusSpeed busSpeed) { }
        public int BusId => throw null;
        public int DeviceAddress => throw null;
    }

    public class I2cDevice : IDisposable
    {
        public I2cDevice(I2cConnectionSettings settings) { }
        public static I2cDevice Create(I2cConnectionSettings settings) => throw null;
        public I2cTransferResult Write(SpanByte buffer) => throw null;
        public I2cTransferResult WriteRead(SpanByte writeBuffer, SpanByte readBuffer) => throw null;
        public void Dispose() => throw null;
    }
}
