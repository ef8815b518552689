using System;

namespace OpenAmi.Prepaid.OpenPayGo
{
    /// <summary>
    /// The OpenPAYGO Token "code generation function" (OpenPAYGO Token general documentation, section
    /// "Description of the code generation function"): each code is derived from the previous one with
    /// SipHash-2-4 under the device key. Standard codes are 9 digits (30 bits reduced to 29.5), extended
    /// codes 12 digits (40 bits). One instance per key; it owns its 8-byte scratch block so the chain
    /// allocates nothing. Not thread-safe.
    /// </summary>
    public sealed class OpenPaygoCodeChain
    {
        public const uint StandardMaxCode = 999999999;
        public const ulong ExtendedMaxCode = 999999999999UL;

        // 2^30 - 1 - 999999999 - 1 and 2^40 - 1 - 999999999999 - 1: the published folding constants.
        private const uint StandardFold = 73741825;
        private const ulong ExtendedFold = 99511627777UL;

        private readonly ulong _k0;
        private readonly ulong _k1;
        private readonly byte[] _block = new byte[8];

        public OpenPaygoCodeChain(byte[] key)
        {
            SipHash24.ReadKey(key, out _k0, out _k1);
        }

        /// <summary>SipHash invocations so far (the decode cost the bench reports).</summary>
        public long HashCalls { get; private set; }

        public uint NextStandard(uint code)
        {
            // The 32-bit code, big-endian, twice: the minimum 8-byte input the spec prescribes.
            WriteBigEndian((ulong)code, 4, 0);
            WriteBigEndian((ulong)code, 4, 4);
            ulong hash = Hash();
            uint folded = ((uint)(hash >> 32) ^ (uint)hash) >> 2;
            return folded > StandardMaxCode ? folded - StandardFold : folded;
        }

        public ulong NextExtended(ulong code)
        {
            WriteBigEndian(code, 8, 0);
            ulong folded = Hash() >> 24;
            return folded > ExtendedMaxCode ? folded - ExtendedFold : folded;
        }

        private ulong Hash()
        {
            HashCalls++;
            return SipHash24.Hash(_k0, _k1, _block, 0, 8);
        }

        private void WriteBigEndian(ulong value, int count, int offset)
        {
            for (int i = count - 1; i >= 0; i--)
            {
                _block[offset + i] = (byte)value;
                value >>= 8;
            }
        }
    }
}
