// Upstream: github.com/nanoframework/nanoFramework.Runtime.Native tag v1.7.11 (commit e70ef6920ca811b0403d667036fcbdc605d0e66e),
// nanoFramework.Runtime.Native/{Power,RebootOption,RTC,System/Environment}.cs.
namespace nanoFramework.Runtime.Native
{
    public class Power
    {
        public static void RebootDevice(RebootOption rebootOption = RebootOption.NormalReboot) => throw null;
        public static void RebootDevice(int exeConstraintTimeout, RebootOption rebootOption = RebootOption.NormalReboot) => throw null;
    }

    public enum RebootOption { NormalReboot = 0, EnterNanoBooter = 1, ClrOnly = 2, EnterProprietaryBooter = 8 }

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
