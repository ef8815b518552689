// Checked against nanoframework/nanoFramework.Runtime.Native nanoFramework.Runtime.Native/{Power,RTC}.cs (package 1.7.x).
namespace nanoFramework.Runtime.Native
{
    public class Power
    {
        public static void RebootDevice() => throw null;
        public static void RebootDevice(int exeConstraintTimeout) => throw null;
    }

    public static class Rtc
    {
        public static bool SetSystemTime(System.DateTime time) => throw null;
    }
}

namespace System
{
    // nanoFramework.Runtime.Native, not mscorlib, carries Environment in the 1.x line.
    public static class Environment
    {
        public static long TickCount64 => throw null;
    }
}
