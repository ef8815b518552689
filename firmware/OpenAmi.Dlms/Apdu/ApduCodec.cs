using OpenAmi.Dlms.Axdr;

namespace OpenAmi.Dlms.Apdu
{
    /// <summary>Decodes any supported APDU from a byte window, and encodes APDUs into caller-owned buffers.</summary>
    public static class ApduCodec
    {
        /// <summary>
        /// Decodes exactly one APDU occupying buffer[offset..offset+count). Any defect (truncation, unknown
        /// tag or variant, trailing bytes, limits) raises <see cref="DlmsException"/> and nothing else.
        /// </summary>
        public static Apdu Decode(byte[] buffer, int offset, int count) => Decode(new AxdrReader(buffer, offset, count));

        /// <summary>Decodes with a caller-kept reader (reuse avoids allocating the reader).</summary>
        public static Apdu Decode(AxdrReader r) => Decode(r, null);

        /// <summary>
        /// Decodes with a caller-kept reader; a GET-Response is decoded into <paramref name="getResponse"/> (when not
        /// null), whose results are refilled, so a steady GET allocates only the values it reads.
        /// </summary>
        public static Apdu Decode(AxdrReader r, GetResponse getResponse)
        {
            Apdu apdu = DecodeOne(r, getResponse);
            if (r.Remaining != 0)
            {
                throw new DlmsException(DlmsErrorCode.Malformed, r.Remaining + " trailing byte(s) after the " + apdu.Name);
            }

            return apdu;
        }

        private static Apdu DecodeOne(AxdrReader r, GetResponse getResponse)
        {
            byte tag = r.ReadByte();
            switch (tag)
            {
                case ApduTag.GetRequest: return ServiceApdu.Decode(new GetRequest(), r);
                case ApduTag.GetResponse: return ServiceApdu.Decode(getResponse ?? new GetResponse(), r);
                case ApduTag.SetRequest: return ServiceApdu.Decode(new SetRequest(), r);
                case ApduTag.SetResponse: return ServiceApdu.Decode(new SetResponse(), r);
                case ApduTag.ActionRequest: return ServiceApdu.Decode(new ActionRequest(), r);
                case ApduTag.ActionResponse: return ServiceApdu.Decode(new ActionResponse(), r);
                case ApduTag.Aarq: return AssociationRequest.Read(r);
                case ApduTag.Aare: return AssociationResponse.Read(r);
                case ApduTag.Rlrq: return ReleaseApdu.Read(r, true);
                case ApduTag.Rlre: return ReleaseApdu.Read(r, false);
                case ApduTag.InitiateRequest: return InitiateRequest.Read(r);
                case ApduTag.InitiateResponse: return InitiateResponse.Read(r);
                case ApduTag.ExceptionResponse: return ExceptionResponse.Read(r);
                case ApduTag.ConfirmedServiceError: return ConfirmedServiceError.Read(r);
                case ApduTag.DataNotification: return DataNotification.Read(r);
                case ApduTag.GeneralBlockTransfer: return GeneralBlockTransfer.Read(r);
                default:
                    if (ApduTag.IsCiphered(tag))
                    {
                        return CipheredApdu.Read(r, tag);
                    }

                    throw new DlmsException(DlmsErrorCode.Malformed, "unknown APDU tag 0x" + tag.ToString("X2"));
            }
        }

        /// <summary>Encodes into buffer[offset..limit); returns the encoded length.</summary>
        public static int Encode(Apdu apdu, byte[] buffer, int offset, int limit) => Encode(apdu, new AxdrWriter(buffer, offset, limit), buffer, offset, limit);

        /// <summary>Encodes with a caller-kept writer (reuse avoids allocating one per request).</summary>
        public static int Encode(Apdu apdu, AxdrWriter writer, byte[] buffer, int offset, int limit)
        {
            writer.Reset(buffer, offset, limit);
            apdu.Encode(writer);
            return writer.Position - offset;
        }

        /// <summary>Encodes into a new exact-size array (for values that must outlive a buffer, e.g. user-information).</summary>
        public static byte[] ToBytes(Apdu apdu, int maxSize)
        {
            var scratch = new byte[maxSize];
            int n = Encode(apdu, scratch, 0, maxSize);
            var exact = new byte[n];
            System.Array.Copy(scratch, exact, n);
            return exact;
        }

        internal static DlmsException BadVariant(string apdu, int variant) =>
            new DlmsException(DlmsErrorCode.Malformed, apdu + " variant " + variant + " does not exist");
    }
}
