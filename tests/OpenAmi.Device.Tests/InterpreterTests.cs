using System;
using nanoFramework.TestFramework;

namespace OpenAmi.Device.Tests
{
    /// <summary>
    /// The nanoCLR try-block hazard (docs/device-subset.md): the interpreter finds the handler for an exception raised
    /// inside a called method from the caller's return address, so when a call or newobj is the last instruction before
    /// a try, that try's catch runs for the callee's exception. The gate refuses that shape (NF006); these methods keep
    /// the plain statement it asks for between the call and the try. Delete that statement and, on the device, the inner
    /// catch would take the exception (3 instead of 4) — the gate then stops the build before the test could run.
    /// </summary>
    [TestClass]
    public class InterpreterTests
    {
        private const int InnerTryCompleted = 2;
        private const int InnerCatchRan = 3;
        private const int OuterCatchRan = 4;

        [TestMethod]
        public void AnExceptionFromACallBeforeATryReachesTheOuterHandler()
        {
            Assert.AreEqual(OuterCatchRan, CallThenTry(true));
            Assert.AreEqual(InnerTryCompleted, CallThenTry(false));
        }

        [TestMethod]
        public void AnExceptionFromAConstructorBeforeATryReachesTheOuterHandler()
        {
            Assert.AreEqual(OuterCatchRan, NewThenTry(true));
            Assert.AreEqual(InnerTryCompleted, NewThenTry(false));
        }

        private static int CallThenTry(bool fail)
        {
            int handler = 0;
            try
            {
                Fail(fail);
                handler = 1;
                try
                {
                    handler = InnerTryCompleted;
                }
                catch (InvalidOperationException)
                {
                    handler = InnerCatchRan;
                }
            }
            catch (InvalidOperationException)
            {
                handler = handler == 0 ? OuterCatchRan : InnerCatchRan;
            }

            return handler;
        }

        private static int NewThenTry(bool fail)
        {
            int handler = 0;
            try
            {
                var failing = new Failing(fail);
                handler = failing.Value;
                try
                {
                    handler = InnerTryCompleted;
                }
                catch (InvalidOperationException)
                {
                    handler = InnerCatchRan;
                }
            }
            catch (InvalidOperationException)
            {
                handler = handler == 0 ? OuterCatchRan : InnerCatchRan;
            }

            return handler;
        }

        private static void Fail(bool fail)
        {
            if (fail)
            {
                throw new InvalidOperationException("thrown by the call before the try");
            }
        }

        private sealed class Failing
        {
            public Failing(bool fail)
            {
                Fail(fail);
                Value = 1;
            }

            public int Value { get; }
        }
    }
}
