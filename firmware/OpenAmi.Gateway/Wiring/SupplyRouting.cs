using System;
using System.Collections;
using OpenAmi.Northbound.Ports;
using OpenAmi.Prepaid.Ports;
using OpenAmi.Safety.Policy;

namespace OpenAmi.Gateway.Wiring
{
    /// <summary>Switches a tenant line off (Safety's de-energise; always allowed).</summary>
    public delegate void LineSwitchOff(int line);

    /// <summary>
    /// The one road from Northbound (remote reconnect) and Prepaid (credit) to a tenant line: every request to
    /// energise goes through Safety's <see cref="IReenergiseGate"/>, which runs its self-test and probe or refuses
    /// (leakage lockout, failed test). Nothing here can close a relay by itself; switching off is always honoured.
    /// </summary>
    public sealed class SupplyRouting : ISupplyPolicy, ILineSupplyRequest
    {
        private readonly IReenergiseGate _gate;
        private readonly LineSwitchOff _switchOff;
        private readonly Hashtable _lineBySerial = new Hashtable();
        private readonly object _sync = new object();

        public SupplyRouting(IReenergiseGate gate, LineSwitchOff switchOff)
        {
            _gate = gate ?? throw new ArgumentNullException(nameof(gate));
            _switchOff = switchOff ?? throw new ArgumentNullException(nameof(switchOff));
        }

        /// <summary>Records which board line a meter measures (from the configuration, once its serial is known).</summary>
        public void Bind(string meterSerial, int line)
        {
            lock (_sync)
            {
                _lineBySerial[meterSerial] = line;
            }
        }

        /// <summary>Remote reconnect: refused for a meter on no board-switched line, else whatever Safety decides.</summary>
        public SupplyAnswer RequestReconnect(string meterSerial, out string reason)
        {
            object line;
            lock (_sync)
            {
                line = meterSerial == null ? null : _lineBySerial[meterSerial];
            }

            if (line == null)
            {
                reason = "no_switched_line";
                return SupplyAnswer.Refused;
            }

            return Answer(_gate.Request((int)line, ReenergiseSource.RemoteReconnect), out reason);
        }

        /// <summary>Credit wants the line on (a request Safety may refuse) or off (always done).</summary>
        public void RequestSupply(int line, bool wanted, string reason)
        {
            if (wanted)
            {
                _gate.Request(line, ReenergiseSource.CreditTopUp);
            }
            else
            {
                _switchOff(line);
            }
        }

        private static SupplyAnswer Answer(ReenergiseDecision decision, out string reason)
        {
            if (decision.Refused)
            {
                reason = ReenergiseDecision.Name(decision.Reason);
                return SupplyAnswer.Refused;
            }

            reason = null;
            return SupplyAnswer.Granted;
        }
    }
}
