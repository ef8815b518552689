namespace OpenAmi.TestVectors
{
    /// <summary>The power-cut-safe dual-slot record of OpenAmi.Storage, byte for byte.</summary>
    public static class StorageVectors
    {
        /// <summary>
        /// The first save of an empty store (sequence 1, slot file "&lt;name&gt;.0") of the payload DE AD, laid out as
        /// docs/architecture.md (OpenAmi.Storage) defines it: "OAP2" | sequence u32 | length u16 | payload | CRC-32 u32,
        /// big-endian, the CRC over everything before it. The CRC 1E0F8CC7 was computed with Python's zlib.crc32, an
        /// implementation independent of the product's.
        /// </summary>
        public const string FirstPayload = "DEAD";
        public const string FirstSlotFile = "4F415032 00000001 0002 DEAD 1E0F8CC7";

        /// <summary>
        /// The same save as written by firmware from before the one flash byte order: magic "OAP1", otherwise the same
        /// layout; CRC 2782B002 by Python's zlib.crc32.
        /// </summary>
        public const string LegacyFirstSlotFile = "4F415031 00000001 0002 DEAD 2782B002";
    }
}
