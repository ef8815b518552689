namespace OpenAmi.Prepaid.Ports
{
    /// <summary>
    /// The token result an STS meter keeps for the last token entered (its token status register), numbered as STS
    /// meters report it (e.g. the "STS token result" table of the Conlog BEC62(08) technical manual): 1 accept,
    /// 2/3 first/second key change token, 4 overflow, 5 key type, 6 format, 7 range, 8 function, 9 old, 10 used,
    /// 11 key expired, 12 DDTK, 13 CRC, 14 manufacturer code, 15 token lockout, 16 not ready; 0 and 17–255 reserved.
    /// A meter behind a class-115 token gateway may carry it in token_status data_value.
    /// </summary>
    public static class StsTokenResult
    {
        public const int None = 0;
        public const int Accept = 1;
        public const int FormatError = 6;
        public const int FunctionError = 8;
        public const int OldError = 9;
        public const int UsedError = 10;
        public const int CrcError = 13;
        public const int ManufacturerCodeError = 14;

        /// <summary>A refused token's generic status made finer by the meter's token result, where it names the reason.</summary>
        public static TokenDeliveryStatus Refine(TokenDeliveryStatus generic, int result)
        {
            switch (result)
            {
                case OldError: return TokenDeliveryStatus.Old;
                case UsedError: return TokenDeliveryStatus.Used;
                case CrcError: return TokenDeliveryStatus.CrcError;
                case ManufacturerCodeError: return TokenDeliveryStatus.ManufacturerCodeError;
                default: return generic;
            }
        }
    }
}
