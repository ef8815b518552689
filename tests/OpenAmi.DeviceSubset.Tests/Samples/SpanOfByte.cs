using System;

namespace Samples
{
    public static class SpanOfByte
    {
        public static byte Head(byte[] buffer)
        {
            Span<byte> span = buffer;
            return span[0];
        }
    }
}
