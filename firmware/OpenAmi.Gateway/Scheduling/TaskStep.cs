using System;

namespace OpenAmi.Gateway.Scheduling
{
    /// <summary>
    /// One bounded step of a task that decides its own next run (a poller knows which meter is due next).
    /// Returns the absolute monotonic time of the next run, or <see cref="ScheduledTask.Done"/>.
    /// </summary>
    public delegate long TaskStep(long nowMs);

    /// <summary>One run of a periodic or one-shot piece of work.</summary>
    public delegate void WorkStep(long nowMs);

    /// <summary>Raised on the loop thread when a step throws; the scheduler keeps running.</summary>
    public delegate void TaskFaultHandler(ScheduledTask task, Exception error);

    /// <summary>Raised (on the adding thread) when work is added, so a sleeping loop can wake early.</summary>
    public delegate void WorkAddedHandler();
}
