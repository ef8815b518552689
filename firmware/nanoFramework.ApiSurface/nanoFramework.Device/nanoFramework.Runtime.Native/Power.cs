// Checked against nanoframework/nanoFramework.Runtime.Native nanoFramework.Runtime.Native/Power.cs (package 1.7.x).
namespace nanoFramework.Runtime.Native
{
    public class Power
    {
        public static void RebootDevice() => throw null;
        public static void RebootDevice(int exeConstraintTimeout) => throw null;
    }
}
