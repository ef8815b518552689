// Upstream: github.com/nanoframework/nanoFramework.TestFramework tag v3.0.77 (commit 18e4b3d4b0c6b647bc3c2a8a0d11a53c059145a7),
// source/TestFrameworkShared/{TestClassAttribute,TestMethodAttribute}.cs, source/TestFramework/{Assert,Assert.AreEqual,OutputHelper}.cs.
// The last parameter of each assertion is [CallerArgumentExpression] upstream; the attribute is not part of the signature.
namespace nanoFramework.TestFramework
{
    [System.AttributeUsage(System.AttributeTargets.Class, AllowMultiple = false)]
    public class TestClassAttribute : System.Attribute
    {
    }

    [System.AttributeUsage(System.AttributeTargets.Method, AllowMultiple = false)]
    public class TestMethodAttribute : System.Attribute
    {
    }

    public sealed partial class Assert
    {
        public static void AreEqual(int expected, int actual, string message = "") => throw null;
        public static void AreEqual(long expected, long actual, string message = "") => throw null;
        public static void AreEqual(string expected, string actual, string message = "") => throw null;
        public static void AreEqual(uint expected, uint actual, string message = "") => throw null;
        public static void AreEqual(ulong expected, ulong actual, string message = "") => throw null;
        public static void IsFalse(bool condition, string message = "") => throw null;
        public static void IsTrue(bool condition, string message = "") => throw null;
    }

    public static class OutputHelper
    {
        public static void WriteLine(string message) => throw null;
    }
}
