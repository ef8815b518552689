using System.Buffers.Binary;
using OpenAmi.Storage.Records;

namespace OpenAmi.TestSupport;

/// <summary>
/// A two-slot record as firmware from before the one flash byte order saved it (docs/architecture.md, OpenAmi.Storage):
/// "OAP1" | sequence u32 | length u16 | payload | CRC-32 u32 over everything before it, the header big-endian. The CRC
/// is the product's <see cref="Crc32"/>, which the storage tests pin to the published check value and to a slot whose
/// CRC Python's zlib computed.
/// </summary>
public static class LegacySlot
{
    public static byte[] Of(byte[] payload)
    {
        var slot = new byte[10 + payload.Length + 4];
        "OAP1"u8.CopyTo(slot);
        BinaryPrimitives.WriteUInt32BigEndian(slot.AsSpan(4), 1);
        BinaryPrimitives.WriteUInt16BigEndian(slot.AsSpan(8), (ushort)payload.Length);
        payload.CopyTo(slot, 10);
        BinaryPrimitives.WriteUInt32BigEndian(slot.AsSpan(10 + payload.Length), Crc32.Compute(slot, 0, 10 + payload.Length));
        return slot;
    }
}
