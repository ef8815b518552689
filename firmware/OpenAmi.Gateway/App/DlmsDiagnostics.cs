using System.Collections;
using OpenAmi.Dlms.Client;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Ports;
using OpenAmi.Northbound.Events;
using OpenAmi.Platform;

namespace OpenAmi.Gateway.App
{
    /// <summary>
    /// Turns the DLMS client's warnings on one bus (a meter defect it worked around) into diagnostic events on the
    /// meter's event topic, so the head-end learns which meters misbehave. A defect usually repeats on every poll:
    /// per meter and code the first goes out at once, then at most one per <see cref="IntervalMs"/>, counting the
    /// ones held back in its detail.
    /// </summary>
    internal sealed class DlmsDiagnostics
    {
        public const long IntervalMs = 3600000;

        private readonly IMeteringSink _downstream;
        private readonly IMonotonicClock _clock;
        private readonly Hashtable _names = new Hashtable();
        /// <summary>A <see cref="Sent"/> per meter and code, made at the first warning: most buses never see one.</summary>
        private Hashtable _sent;

        public DlmsDiagnostics(IMeteringSink downstream, IMonotonicClock clock)
        {
            _downstream = downstream;
            _clock = clock;
        }

        /// <summary>The configuration id the meter at <paramref name="address"/> publishes under.</summary>
        public void Name(int address, string meterId) => _names[address] = meterId;

        public void OnWarning(int meterAddress, DlmsWarningKind kind, string warning)
        {
            string code = Code(kind);
            string key = meterAddress.ToString() + "/" + code;
            long now = _clock.NowMs;
            _sent = _sent ?? new Hashtable();
            var sent = (Sent)_sent[key];
            if (sent == null)
            {
                sent = new Sent();
                _sent[key] = sent;
            }
            else if (now - sent.AtMs < IntervalMs)
            {
                sent.HeldBack++;
                return;
            }

            int heldBack = sent.HeldBack;
            sent.AtMs = now;
            sent.HeldBack = 0;
            var diagnostic = new DiagnosticEvent
            {
                Code = code,
                Detail = heldBack == 0 ? warning : warning + " (" + heldBack.ToString() + " more since the last report)",
                MeterAddress = meterAddress,
                MeterName = (string)_names[meterAddress],
                MonotonicMs = now,
            };
            _downstream.OnEvent(diagnostic);
        }

        /// <summary>When a meter's code last went out, and how many of it were held back since.</summary>
        private sealed class Sent
        {
            public long AtMs;
            public int HeldBack;
        }

        private static string Code(DlmsWarningKind kind)
        {
            switch (kind)
            {
                case DlmsWarningKind.ReleaseFailed: return DiagnosticCodes.DlmsReleaseFailed;
                case DlmsWarningKind.WithListFallback: return DiagnosticCodes.DlmsWithListFallback;
                default: return DiagnosticCodes.DlmsPeerQuirk;
            }
        }
    }
}
