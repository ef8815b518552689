// Checked against nanoframework/CoreLibrary nanoFramework.CoreLibrary/System/{Byte,SByte,Int16,...,Double,Single,Boolean,Char}.cs
// (1.x: primitives implement no interfaces; integer types have only ToString/Parse/TryParse — TryParse since
// CoreLibrary PR #168, Jan 2022; Double/Single CompareTo take the primitive; Boolean has no Parse/TryParse;
// Char.ToLower/ToUpper are device-only instance methods that break the host build).
namespace System
{
    [Serializable]
    public struct Byte
    {
        public const byte MaxValue = 0xFF;
        public const byte MinValue = 0;
        public override string ToString() => throw null;
        public string ToString(string format) => throw null;
        public static byte Parse(string s) => throw null;
        public static bool TryParse(string s, out byte result) => throw null;
    }

    [Serializable]
    public struct SByte
    {
        public const sbyte MaxValue = 127;
        public const sbyte MinValue = -128;
        public override string ToString() => throw null;
        public string ToString(string format) => throw null;
        public static sbyte Parse(string s) => throw null;
        public static bool TryParse(string s, out sbyte result) => throw null;
    }

    [Serializable]
    public struct Int16
    {
        public const short MaxValue = 32767;
        public const short MinValue = -32768;
        public override string ToString() => throw null;
        public string ToString(string format) => throw null;
        public static short Parse(string s) => throw null;
        public static bool TryParse(string s, out short result) => throw null;
    }

    [Serializable]
    public struct UInt16
    {
        public const ushort MaxValue = 0xFFFF;
        public const ushort MinValue = 0;
        public override string ToString() => throw null;
        public string ToString(string format) => throw null;
        public static ushort Parse(string s) => throw null;
        public static bool TryParse(string s, out ushort result) => throw null;
    }

    [Serializable]
    public struct Int32
    {
        public const int MaxValue = 2147483647;
        public const int MinValue = -2147483648;
        public override string ToString() => throw null;
        public string ToString(string format) => throw null;
        public static int Parse(string s) => throw null;
        public static bool TryParse(string s, out int result) => throw null;
    }

    [Serializable]
    public struct UInt32
    {
        public const uint MaxValue = 0xFFFFFFFF;
        public const uint MinValue = 0;
        public override string ToString() => throw null;
        public string ToString(string format) => throw null;
        public static uint Parse(string s) => throw null;
        public static bool TryParse(string s, out uint result) => throw null;
    }

    [Serializable]
    public struct Int64
    {
        public const long MaxValue = 9223372036854775807;
        public const long MinValue = -9223372036854775808;
        public override string ToString() => throw null;
        public string ToString(string format) => throw null;
        public static long Parse(string s) => throw null;
        public static bool TryParse(string s, out long result) => throw null;
    }

    [Serializable]
    public struct UInt64
    {
        public const ulong MaxValue = 0xFFFFFFFFFFFFFFFF;
        public const ulong MinValue = 0;
        public override string ToString() => throw null;
        public string ToString(string format) => throw null;
        public static ulong Parse(string s) => throw null;
        public static bool TryParse(string s, out ulong result) => throw null;
    }

    [Serializable]
    public struct Double
    {
        public const double MinValue = -1.7976931348623157E+308;
        public const double MaxValue = 1.7976931348623157E+308;
        public const double Epsilon = 4.9406564584124654E-324;
        public const double NegativeInfinity = (double)(-1.0 / 0.0);
        public const double PositiveInfinity = (double)(1.0 / 0.0);
        public const double NaN = (double)(0.0 / 0.0);
        public int CompareTo(double value) => throw null;
        public static bool IsInfinity(double d) => throw null;
        public static bool IsNaN(double d) => throw null;
        public static bool IsNegativeInfinity(double d) => throw null;
        public static bool IsPositiveInfinity(double d) => throw null;
        public override string ToString() => throw null;
        public string ToString(string format) => throw null;
        public static double Parse(string s) => throw null;
        public static bool TryParse(string s, out double result) => throw null;
    }

    [Serializable]
    public struct Single
    {
        public const float MinValue = -3.40282347E+38f;
        public const float MaxValue = 3.40282347E+38f;
        public const float Epsilon = 1.401298E-45f;
        public const float NegativeInfinity = (float)(-1.0 / 0.0);
        public const float PositiveInfinity = (float)(1.0 / 0.0);
        public const float NaN = (float)(0.0 / 0.0);
        public int CompareTo(float value) => throw null;
        public static bool IsInfinity(float f) => throw null;
        public static bool IsNaN(float f) => throw null;
        public static bool IsNegativeInfinity(float f) => throw null;
        public static bool IsPositiveInfinity(float f) => throw null;
        public override string ToString() => throw null;
        public string ToString(string format) => throw null;
        public static float Parse(string s) => throw null;
        public static bool TryParse(string s, out float result) => throw null;
    }

    [Serializable]
    public struct Boolean
    {
        public static readonly string FalseString = "False";
        public static readonly string TrueString = "True";
        public override string ToString() => throw null;
    }

    [Serializable]
    public struct Char
    {
        public const char MaxValue = (char)0xFFFF;
        public const char MinValue = (char)0x00;
        public override string ToString() => throw null;
        public char ToLower() => throw null;
        public char ToUpper() => throw null;
    }
}
