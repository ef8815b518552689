using System;
using System.Collections;
using OpenAmi.Gateway.Ports;
using OpenAmi.Gateway.Scheduling;
using OpenAmi.Json;
using OpenAmi.Northbound.Envelope;
using OpenAmi.Northbound.Events;
using OpenAmi.Platform;

namespace OpenAmi.Gateway.Northward
{
    /// <summary>
    /// Makes a task's fault visible without letting it cost more than the fault itself. The scheduler already
    /// contains every exception a step throws (the task keeps its schedule, every other task runs on); this counts
    /// them and reports each task's first fault, then at most one per <see cref="ReportIntervalMs"/>, as a
    /// <c>gateway_fault</c> event on the gateway's event topic carrying how many faults the report stands for.
    /// The fault handler only counts and posts a housekeeping step: it runs inside the scheduler's catch and must
    /// not itself touch the outbox.
    /// </summary>
    public sealed class GatewayFaultReporter
    {
        /// <summary>A task failing on every run (a poller every few seconds) still yields at most one event per 10 minutes.</summary>
        public const long ReportIntervalMs = 10 * 60 * 1000;

        /// <summary>Enough of the exception's text to recognise it; a message can be arbitrarily long.</summary>
        public const int MaxCauseChars = 160;

        private const string PublishTaskName = "gateway fault";

        private readonly Hashtable _tallies = new Hashtable();
        private readonly Scheduler _scheduler;
        private readonly IMonotonicClock _mono;
        private readonly IWallClock _wallClock;
        private readonly Topics _topics;
        private readonly IEventSink _uplink;
        private readonly JsonWriter _writer = new JsonWriter();

        public GatewayFaultReporter(Scheduler scheduler, IMonotonicClock mono, IWallClock wallClock, Topics topics, IEventSink uplink)
        {
            _scheduler = scheduler ?? throw new ArgumentNullException(nameof(scheduler));
            _mono = mono ?? throw new ArgumentNullException(nameof(mono));
            _wallClock = wallClock ?? throw new ArgumentNullException(nameof(wallClock));
            _topics = topics ?? throw new ArgumentNullException(nameof(topics));
            _uplink = uplink ?? throw new ArgumentNullException(nameof(uplink));
            scheduler.Fault += OnFault;
        }

        /// <summary>Faults of every task since boot.</summary>
        public long Faults { get; private set; }

        /// <summary>gateway_fault events emitted.</summary>
        public long Reports { get; private set; }

        private void OnFault(ScheduledTask task, Exception error)
        {
            Faults++;
            if (task.Name == PublishTaskName)
            {
                // A report that cannot be written is only counted: reporting it would fail the same way.
                return;
            }

            var tally = (FaultTally)_tallies[task.Name];
            if (tally == null)
            {
                tally = new FaultTally();
                _tallies[task.Name] = tally;
            }

            tally.Unreported++;
            long now = _mono.NowMs;
            if (tally.HasReported && now - tally.LastReportMs < ReportIntervalMs)
            {
                return;
            }

            tally.HasReported = true;
            tally.LastReportMs = now;
            var report = new FaultReport(task.Name, CauseOf(error), tally.Unreported, Faults, _wallClock.UtcNow);
            tally.Unreported = 0;
            _scheduler.Post(PublishTaskName, Lane.Housekeeping, nowMs => Publish(report));
        }

        private void Publish(FaultReport report)
        {
            JsonNode data = EventEnvelope.GatewayFault(report.Task, report.Cause, report.Faults, report.TotalFaults);
            _writer.Reset();
            EventEnvelope.Write(_writer, _topics, null, report.Timestamp, EventTypes.GatewayFault, data);
            _uplink.Emit(_topics.GatewayEvent, _writer.Buffer, 0, _writer.Length);
            Reports++;
        }

        /// <summary>"TypeName: message", cut to <see cref="MaxCauseChars"/>.</summary>
        private static string CauseOf(Exception error)
        {
            string cause = error.GetType().Name + ": " + error.Message;
            return cause.Length <= MaxCauseChars ? cause : cause.Substring(0, MaxCauseChars);
        }

        private sealed class FaultTally
        {
            public long Unreported;
            public bool HasReported;
            public long LastReportMs;
        }

        private sealed class FaultReport
        {
            public FaultReport(string task, string cause, long faults, long totalFaults, DateTime timestamp)
            {
                Task = task;
                Cause = cause;
                Faults = faults;
                TotalFaults = totalFaults;
                Timestamp = timestamp;
            }

            public string Task { get; }

            public string Cause { get; }

            public long Faults { get; }

            public long TotalFaults { get; }

            public DateTime Timestamp { get; }
        }
    }
}
