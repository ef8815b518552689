namespace OpenAmi.Dlms.Hdlc
{
    /// <summary>Outcome of looking for a frame in a byte window.</summary>
    public enum HdlcScanResult
    {
        /// <summary>A frame was decoded; <c>consumed</c> ends just before its closing flag (flags may be shared).</summary>
        Frame = 0,
        /// <summary>The window holds the start of a frame but not all of it; keep the bytes from <c>consumed</c>.</summary>
        NeedMore = 1,
        /// <summary>Nothing usable before <c>consumed</c>: drop those bytes and scan again.</summary>
        Garbage = 2,
    }

    /// <summary>
    /// HDLC frame format type 3 (IEC 62056-46 §6.4): encode into and decode from caller-owned buffers.
    /// Framing is by the length field, not by flag hunting, so a 0x7E inside HCS, FCS or the information
    /// field is legal; a candidate whose closing flag is not where its length says is treated as garbage
    /// and scanning resumes at the next flag (resynchronisation).
    /// </summary>
    public static class HdlcCodec
    {
        public const byte Flag = 0x7E;
        /// <summary>The format field holds 11 length bits.</summary>
        public const int MaxFrameLength = 0x7FF;
        /// <summary>Smallest frame between flags: format(2) + dst(1) + src(1) + control(1) + FCS(2).</summary>
        public const int MinFrameLength = 7;

        /// <summary>Largest frame between flags around no information: format(2) + dst(4) + src(4) + control(1) + HCS(2) + FCS(2).</summary>
        public const int MaxFrameOverhead = 15;

        /// <summary>The longest frame (between flags) that carries at most <paramref name="maxInfoLength"/> information bytes.</summary>
        public static int FrameLengthFor(int maxInfoLength)
        {
            int length = maxInfoLength + MaxFrameOverhead;
            return length > MaxFrameLength ? MaxFrameLength : length;
        }

        /// <summary>
        /// Writes a complete frame (flags included) and returns its length. <paramref name="infoCount"/> 0
        /// gives a frame without information field and without HCS.
        /// </summary>
        public static int Encode(byte[] output, int offset, HdlcAddress destination, HdlcAddress source, byte control,
            bool segmented, byte[] info, int infoOffset, int infoCount)
        {
            int header = 2 + destination.Size + source.Size + 1;
            int length = header + (infoCount > 0 ? 2 + infoCount : 0) + 2;
            if (length > MaxFrameLength)
            {
                throw new DlmsException(DlmsErrorCode.LimitExceeded, "HDLC frame longer than the 11-bit length field");
            }

            if (output.Length - offset < length + 2)
            {
                throw new DlmsException(DlmsErrorCode.BufferTooSmall, "output buffer too small for the HDLC frame");
            }

            int p = offset;
            output[p++] = Flag;
            output[p++] = (byte)(0xA0 | (segmented ? 0x08 : 0) | (length >> 8));
            output[p++] = (byte)length;
            p += destination.Write(output, p);
            p += source.Write(output, p);
            output[p++] = control;
            if (infoCount > 0)
            {
                Crc16.Append(output, offset + 1, header);
                p += 2;
                System.Array.Copy(info, infoOffset, output, p, infoCount);
                p += infoCount;
            }

            Crc16.Append(output, offset + 1, length - 2);
            p += 2;
            output[p++] = Flag;
            return p - offset;
        }

        /// <summary>
        /// Looks for the first frame in buffer[offset..offset+count). On <see cref="HdlcScanResult.Frame"/>
        /// fills <paramref name="frame"/> (even when HCS/FCS fail: check <see cref="HdlcFrame.Valid"/>).
        /// <paramref name="consumed"/> counts bytes from <paramref name="offset"/> the caller may drop.
        /// Never allocates, never throws on any input.
        /// </summary>
        public static HdlcScanResult Scan(byte[] buffer, int offset, int count, HdlcFrame frame, out int consumed)
        {
            int end = offset + count;
            int p = offset;
            while (p < end && buffer[p] != Flag)
            {
                p++;
            }

            if (p == end)
            {
                consumed = count;
                return count == 0 ? HdlcScanResult.NeedMore : HdlcScanResult.Garbage;
            }

            if (p > offset)
            {
                consumed = p - offset;
                return HdlcScanResult.Garbage;
            }

            // p == offset, at a flag.
            if (end - p < 3)
            {
                consumed = 0;
                return HdlcScanResult.NeedMore;
            }

            int format = buffer[p + 1];
            if ((format & 0xF0) != 0xA0)
            {
                // Not a type-3 format field: a closing flag, inter-frame fill or noise. Skip this flag.
                consumed = 1;
                return HdlcScanResult.Garbage;
            }

            int length = ((format & 0x07) << 8) | buffer[p + 2];
            if (length < MinFrameLength)
            {
                consumed = 1;
                return HdlcScanResult.Garbage;
            }

            if (end - p < length + 2)
            {
                consumed = 0;
                return HdlcScanResult.NeedMore;
            }

            if (buffer[p + 1 + length] != Flag || !Parse(buffer, p, length, (format & 0x08) != 0, frame))
            {
                consumed = 1;
                return HdlcScanResult.Garbage;
            }

            consumed = 1 + length;
            return HdlcScanResult.Frame;
        }

        private static bool Parse(byte[] buffer, int flagAt, int length, bool segmented, HdlcFrame frame)
        {
            int start = flagAt + 1;
            int last = start + length; // exclusive, index of the closing flag
            int q = start + 2;
            int dstSize = AddressSize(buffer, q, last);
            if (dstSize == 0)
            {
                return false;
            }

            int dstAt = q;
            q += dstSize;
            int srcSize = AddressSize(buffer, q, last);
            if (srcSize == 0)
            {
                return false;
            }

            int srcAt = q;
            q += srcSize;
            if (q + 1 + 2 > last)
            {
                return false;
            }

            byte control = buffer[q++];
            int headerLength = q - start;
            frame.Buffer = buffer;
            frame.FrameOffset = flagAt;
            frame.FrameLength = length + 2;
            frame.Segmented = segmented;
            frame.Control = control;
            frame.Type = HdlcControl.TypeOf(control);
            frame.DestinationSize = dstSize;
            frame.SourceSize = srcSize;
            ReadAddress(buffer, dstAt, dstSize, out int du, out int dl);
            ReadAddress(buffer, srcAt, srcSize, out int su, out int sl);
            frame.DestinationUpper = du;
            frame.DestinationLower = dl;
            frame.SourceUpper = su;
            frame.SourceLower = sl;
            if (headerLength + 2 == length)
            {
                frame.HasHcs = false;
                frame.HcsValid = true;
                frame.InfoOffset = q;
                frame.InfoCount = 0;
            }
            else
            {
                if (headerLength + 2 + 2 > length)
                {
                    return false;
                }

                frame.HasHcs = true;
                frame.HcsValid = Crc16.Check(buffer, start, headerLength);
                frame.InfoOffset = q + 2;
                frame.InfoCount = length - headerLength - 4;
            }

            frame.FcsValid = Crc16.Check(buffer, start, length - 2);
            return true;
        }

        private static int AddressSize(byte[] buffer, int at, int limit)
        {
            for (int i = 0; i < 4 && at + i < limit; i++)
            {
                if ((buffer[at + i] & 1) != 0)
                {
                    int size = i + 1;
                    return size == 3 ? 0 : size;
                }
            }

            return 0;
        }

        private static void ReadAddress(byte[] buffer, int at, int size, out int upper, out int lower)
        {
            switch (size)
            {
                case 1:
                    upper = buffer[at] >> 1;
                    lower = 0;
                    break;
                case 2:
                    upper = buffer[at] >> 1;
                    lower = buffer[at + 1] >> 1;
                    break;
                default:
                    upper = ((buffer[at] >> 1) << 7) | (buffer[at + 1] >> 1);
                    lower = ((buffer[at + 2] >> 1) << 7) | (buffer[at + 3] >> 1);
                    break;
            }
        }
    }
}
