using System;

namespace OpenAmi.Dlms.Apdu
{
    /// <summary>
    /// Reads answers that deployed meters encode against the Green Book but whose meaning is unambiguous, so that
    /// one vendor's mistake costs a warning instead of the reading. Only called after the strict decoder refused
    /// the bytes; anything not recognised here stays an error.
    /// Known quirks (seen on the Gurux.DLMS.Net server library):
    /// * the first block of a GET-With-List answer larger than the PDU sent as get-response-with-list
    ///   (C4 03) carrying the datablock fields without the raw-data CHOICE byte;
    /// * set-response-datablock (C5 02 id block) followed by one stray byte;
    /// * every later SET block acknowledged with set-response-last-datablock whose fields come in the wrong order
    ///   (C5 03 id block result instead of C5 03 id result block).
    /// </summary>
    public static class PeerQuirks
    {
        /// <summary>The APDU the meter meant, or null when the bytes match no known quirk.</summary>
        public static Apdu Recover(byte[] buffer, int offset, int count)
        {
            if (count < 3)
            {
                return null;
            }

            byte tag = buffer[offset];
            byte variant = buffer[offset + 1];
            if (tag == ApduTag.GetResponse && variant == GetResponse.WithList)
            {
                return DatablockWithoutChoice(buffer, offset, count);
            }

            if (tag == ApduTag.SetResponse && variant == SetResponse.DataBlock && count == 8)
            {
                return ApduCodec.Decode(buffer, offset, count - 1);
            }

            return null;
        }

        /// <summary>C4 03 id last(1) block(4) length raw → C4 02 id last block 00 length raw, when the lengths agree exactly.</summary>
        private static Apdu DatablockWithoutChoice(byte[] buffer, int offset, int count)
        {
            const int fields = 3 + 1 + 4;
            if (count < fields + 1 || buffer[offset + 3] > 1)
            {
                return null;
            }

            int at = offset + fields;
            int end = offset + count;
            int length = buffer[at++];
            if (length >= 0x80)
            {
                int size = length - 0x80;
                if (size < 1 || size > 2 || at + size > end)
                {
                    return null;
                }

                length = 0;
                for (int i = 0; i < size; i++)
                {
                    length = (length << 8) | buffer[at++];
                }
            }

            if (length == 0 || length != end - at)
            {
                return null;
            }

            var corrected = new byte[count + 1];
            Array.Copy(buffer, offset, corrected, 0, fields);
            corrected[1] = GetResponse.WithDataBlock;
            corrected[fields] = 0;
            Array.Copy(buffer, offset + fields, corrected, fields + 1, count - fields);
            return ApduCodec.Decode(corrected, 0, corrected.Length);
        }

        /// <summary>
        /// True when a set-response-last-datablock, read with its fields in the wrong order (block, then result),
        /// acknowledges the non-last <paramref name="block"/> with success.
        /// </summary>
        public static bool AcknowledgesBlockAsLast(SetResponse response, uint block)
        {
            if (response.VariantNumber != SetResponse.LastDataBlock)
            {
                return false;
            }

            // Read as specified, the 5 bytes gave result = block's top byte and block number = the rest + result.
            uint swappedBlock = ((uint)response.Results[0] << 24) | (response.BlockNumber >> 8);
            int swappedResult = (int)(response.BlockNumber & 0xFF);
            return swappedBlock == block && swappedResult == AccessResult.Success;
        }
    }
}
