// Checked against nanoframework/CoreLibrary nanoFramework.CoreLibrary/System/SpanByte.cs (1.x line; the assembly is
// mscorlib). Modelled here rather than in ../../mscorlib on purpose: NANO-SUBSET.md keeps SpanByte out of portable code,
// and only device adapters reference this project. The 1.x System.Device.I2c transfers take it (native stub
// NativeTransmit___SystemDeviceI2cI2cTransferResult__SystemSpanByte__SystemSpanByte in nanoframework/nf-interpreter).
namespace System
{
    public readonly ref struct SpanByte
    {
        public SpanByte(byte[] array) { }
        public SpanByte(byte[] array, int start, int length) { }
        public int Length => throw null;
        public static implicit operator SpanByte(byte[] array) => throw null;
    }
}
