using OpenAmi.Prepaid.OpenPayGo;

namespace OpenAmi.Emulator.OpenPayGo
{
    /// <summary>
    /// Server-side token generation for the host (`openami token openpaygo`, the bench and the tests; the gateway only
    /// decodes): encode the value into the starting code's base, pick the next count of the right parity (even for
    /// Add Time, odd for the others) and walk the chain to it.
    /// </summary>
    public sealed class OpenPaygoGenerator
    {
        public const long ExtendedMaxValue = 999999;

        private readonly OpenPaygoCodeChain _chain;
        private readonly ulong _startingCode;

        public OpenPaygoGenerator(byte[] key, uint startingCode)
        {
            _chain = new OpenPaygoCodeChain(key);
            _startingCode = startingCode;
        }

        /// <summary>Returns the token for the count following <paramref name="count"/>; <paramref name="newCount"/> is the count it carries.</summary>
        public string Generate(OpenPaygoTokenType type, long value, int count, bool extended, bool restricted, out int newCount)
        {
            value = ValueFor(type, value, extended);
            bool even = type == OpenPaygoTokenType.AddTime;
            bool countIsOdd = (count & 1) == 1;
            newCount = count + (even == countIsOdd ? 1 : 2);

            ulong modulus = extended ? 1000000UL : 1000UL;
            ulong startBase = _startingCode % modulus;
            ulong tokenBase = (startBase + (ulong)value) % modulus;
            ulong current = _startingCode - startBase + tokenBase;
            for (int i = 0; i < newCount; i++)
            {
                current = extended ? _chain.NextExtended(current) : _chain.NextStandard((uint)current);
            }

            return OpenPaygoDigits.Format(current - (current % modulus) + tokenBase, extended, restricted);
        }

        private static long ValueFor(OpenPaygoTokenType type, long value, bool extended)
        {
            switch (type)
            {
                case OpenPaygoTokenType.AddTime:
                case OpenPaygoTokenType.SetTime:
                    long max = extended ? ExtendedMaxValue : OpenPaygoDecoder.MaxActivationValue;
                    if (value < 0 || value > max)
                    {
                        throw new ArgumentOutOfRangeException("value", "activation value must be 0.." + max.ToString());
                    }

                    return value;
                case OpenPaygoTokenType.DisablePayg:
                    return OpenPaygoDecoder.DisablePaygValue;
                case OpenPaygoTokenType.CounterSync:
                    return OpenPaygoDecoder.CounterSyncValue;
                default:
                    throw new ArgumentException("unknown token type", "type");
            }
        }
    }
}
