// Checked against nanoframework/System.Device.I2c System.Device.I2c/{I2cDevice,I2cConnectionSettings,I2cBusSpeed,
// I2cTransferResult,I2cTransferStatus}.cs (package nanoFramework.System.Device.I2c 1.1.x). On the 1.x line the transfer
// buffers are SpanByte (the main branch's Span<byte>/ReadOnlySpan<byte> are the 2.x preview), as the native method
// name NativeTransmit___SystemDeviceI2cI2cTransferResult__SystemSpanByte__SystemSpanByte in nf-interpreter shows.
// Verified (2026-11-22): I2cSharingMode is { Exclusive, Shared } with implicit values 0 and 1
// (System.Device.I2c/I2cSharingMode.cs); Exclusive is the default.
namespace System.Device.I2c
{
    public enum I2cBusSpeed { StandardMode, FastMode }

    public enum I2cSharingMode { Exclusive, Shared }

    public enum I2cTransferStatus { UnknownError, FullTransfer, ClockStretchTimeout, PartialTransfer, SlaveAddressNotAcknowledged }

    public struct I2cTransferResult
    {
        public uint BytesTransferred => throw null;
        public I2cTransferStatus Status => throw null;
    }

    public sealed class I2cConnectionSettings
    {
        public I2cConnectionSettings(int busId, int deviceAddress) { }
        public I2cConnectionSettings(int busId, int deviceAddress, I2cBusSpeed busSpeed, I2cSharingMode sharingMode) { }
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
