// Upstream: github.com/nanoframework/System.Threading tag v1.1.52 (commit 866134ed5ae3faad59a2e5339c33d56f77eebee4),
// nanoFramework.System.Threading/Threading/{CancellationTokenSource,CancellationToken}.cs.
// The assembly is System.Threading (not mscorlib).
namespace System.Threading
{
    public class CancellationTokenSource : IDisposable
    {
        public CancellationTokenSource() { }
        public CancellationTokenSource(int millisecondsDelay) { }
        public CancellationTokenSource(TimeSpan delay) { }
        public bool IsCancellationRequested => throw null;
        public CancellationToken Token => throw null;
        public void Cancel() => throw null;
        public void Cancel(bool throwOnFirstException) => throw null;
        public void CancelAfter(TimeSpan delay) => throw null;
        public void CancelAfter(int millisecondsDelay) => throw null;
        public void Dispose() => throw null;
    }

    public struct CancellationToken
    {
        public CancellationToken(bool canceled) { }
        public static CancellationToken None => throw null;
        public bool IsCancellationRequested => throw null;
        public bool CanBeCanceled => throw null;
        public WaitHandle WaitHandle => throw null;
        public bool Equals(CancellationToken other) => throw null;
        public override bool Equals(object other) => throw null;
        public override int GetHashCode() => throw null;
        public void ThrowIfCancellationRequested() => throw null;
    }
}
