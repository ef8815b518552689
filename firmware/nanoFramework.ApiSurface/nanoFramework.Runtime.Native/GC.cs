// Upstream: github.com/nanoframework/nanoFramework.Runtime.Native tag v1.7.11 (commit e70ef6920ca811b0403d667036fcbdc605d0e66e),
// nanoFramework.Runtime.Native/GC.cs.
namespace nanoFramework.Runtime.Native
{
    public static class GC
    {
        /// <summary>Runs the collector (compacting the heap when asked) and returns the free heap in bytes.</summary>
        public static uint Run(bool compactHeap) => throw null;
    }
}
