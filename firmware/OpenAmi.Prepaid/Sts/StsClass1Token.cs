namespace OpenAmi.Prepaid.Sts
{
    /// <summary>
    /// A class 1 token (IEC 62055-41: non-meter-specific management) read without any key. Class 1 tokens are not
    /// encrypted, so the data block is plain: subclass (4 bits) | 44 data bits | CRC (16 bits), and the CRC is
    /// checked like that of any other class. Subclass 0 (InitiateMeterTest/Display, 2-digit manufacturer code):
    /// control 36 bits | MfrCode 8 bits; subclass 1 (the same with a 4-digit manufacturer code): control 28 bits |
    /// MfrCode 16 bits. The control field selects tests and displays, one bit each (6.3.8, Table 27). The data of
    /// the other subclasses is left undecoded.
    /// </summary>
    public struct StsClass1Token
    {
        public const int TestDisplay2DigitSubclass = 0;
        public const int TestDisplay4DigitSubclass = 1;

        public int Subclass;

        /// <summary>The 44 bits between subclass and CRC.</summary>
        public ulong Data;

        /// <summary>The CRC field as carried by the token.</summary>
        public int Crc;

        public bool CrcValid;

        /// <summary>Test/display selection (subclasses 0 and 1), one bit per test.</summary>
        public ulong Control;

        /// <summary>Manufacturer code (subclasses 0 and 1).</summary>
        public int ManufacturerCode;

        /// <summary>2 (subclass 0), 4 (subclass 1), or 0 when the subclass carries no manufacturer code.</summary>
        public int ManufacturerCodeDigits;

        public bool IsTestDisplay
        {
            get { return ManufacturerCodeDigits != 0; }
        }

        /// <summary>Reads the fields of a class 1 token; the caller has checked <see cref="StsTokenNumber.TokenClass"/>.</summary>
        public static StsClass1Token Decode(StsTokenNumber number)
        {
            ulong block = number.DataBlock;
            var token = new StsClass1Token();
            token.Subclass = (int)(block >> 60);
            token.Data = (block >> 16) & 0xFFFFFFFFFFFUL;
            token.Crc = (int)(block & 0xFFFF);
            token.CrcValid = StsCrc16.Matches(number.TokenClass, block);
            if (token.Subclass == TestDisplay2DigitSubclass)
            {
                token.Control = token.Data >> 8;
                token.ManufacturerCode = (int)(token.Data & 0xFF);
                token.ManufacturerCodeDigits = 2;
            }
            else if (token.Subclass == TestDisplay4DigitSubclass)
            {
                token.Control = token.Data >> 16;
                token.ManufacturerCode = (int)(token.Data & 0xFFFF);
                token.ManufacturerCodeDigits = 4;
            }

            return token;
        }
    }
}
