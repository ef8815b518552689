// Checked against nanoframework/System.Math nanoFramework.System.Math/Math.cs.
// Only int, float and double overloads exist: Max/Min/Abs on long or uint bind to float on the device
// (BannedSymbols.txt stops that in the host build).
namespace System
{
    public static class Math
    {
        public const double PI = 3.14159265358979323846;
        public const double E = 2.7182818284590452354;
        public static int Max(int val1, int val2) => throw null;
        public static double Max(double val1, double val2) => throw null;
        public static float Max(float val1, float val2) => throw null;
        public static int Min(int val1, int val2) => throw null;
        public static double Min(double val1, double val2) => throw null;
        public static float Min(float val1, float val2) => throw null;
        public static int Abs(int val) => throw null;
        public static double Abs(double val) => throw null;
        public static float Abs(float val) => throw null;
        public static double Acos(double d) => throw null;
        public static float Acos(float d) => throw null;
        public static double Asin(double d) => throw null;
        public static float Asin(float d) => throw null;
        public static double Atan(double d) => throw null;
        public static float Atan(float d) => throw null;
        public static double Ceiling(double d) => throw null;
        public static float Ceiling(float d) => throw null;
        public static double Cos(double d) => throw null;
        public static float Cos(float d) => throw null;
        public static double Cosh(double d) => throw null;
        public static float Cosh(float d) => throw null;
        public static double Exp(double d) => throw null;
        public static float Exp(float d) => throw null;
        public static double Floor(double d) => throw null;
        public static float Floor(float d) => throw null;
        public static double Log(double d) => throw null;
        public static float Log(float d) => throw null;
        public static double Log10(double d) => throw null;
        public static float Log10(float d) => throw null;
        public static double Sin(double d) => throw null;
        public static float Sin(float d) => throw null;
        public static double Sinh(double d) => throw null;
        public static float Sinh(float d) => throw null;
        public static double Sqrt(double d) => throw null;
        public static float Sqrt(float d) => throw null;
        public static double Tan(double d) => throw null;
        public static float Tan(float d) => throw null;
        public static double Tanh(double d) => throw null;
        public static float Tanh(float d) => throw null;
        public static double Truncate(double d) => throw null;
        public static float Truncate(float d) => throw null;
        public static double Round(double d) => throw null;
        public static float Round(float d) => throw null;
        public static double Atan2(double y, double x) => throw null;
        public static double Pow(double x, double y) => throw null;
        public static double IEEERemainder(double x, double y) => throw null;
        public static int Sign(double value) => throw null;
        public static float Atan2(float y, float x) => throw null;
        public static float Pow(float x, float y) => throw null;
        public static float IEEERemainder(float x, float y) => throw null;
        public static int Sign(float value) => throw null;
    }
}
