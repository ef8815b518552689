namespace OpenAmi.TestVectors
{
    /// <summary>The power-cut-safe dual-slot record of OpenAmi.Storage, byte for byte.</summary>
    public static class StorageVectors
    {
        /// <summary>
        /// The first save of an empty store (sequence 1, slot file "&lt;name&gt;.0") of the payload DE AD, laid out as
        /// docs/architecture.md (OpenAmi.Storage) defines it: "OAP1" | sequence u32 | length u16 | payload | CRC-32 u32,
        /// big-endian, the CRC over everything before it. The CRC 2782B002 was computed with Python's zlib.crc32, an
        /// implementation independent of the product's.
        /// </summary>
        public const string FirstPayload = "DEAD";
        public const string FirstSlotFile = "4F415031 00000001 0002 DEAD 2782B002";
    }
}
