using System.Collections;
using OpenAmi.Gateway.Config;
using OpenAmi.Gateway.Northward;
using OpenAmi.Gateway.Ports;
using OpenAmi.Gateway.Scheduling;
using OpenAmi.Gateway.Wiring;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Registration;
using OpenAmi.Platform;
using OpenAmi.Prepaid.Entry;
using OpenAmi.Prepaid.Keypad;
using OpenAmi.Prepaid.Ledger;
using OpenAmi.Prepaid.Ports;
using OpenAmi.Prepaid.Sts;

namespace OpenAmi.Gateway.App
{
    /// <summary>
    /// Prepaid that keeps working with no WAN: the pole's keypad and the head-end's <c>token</c> command share one
    /// entry point (<see cref="TokenEntry"/>). STS tokens are queued durably and carried to the meter's Token gateway
    /// over the metering side's DLMS reader; OpenPAYGO codes are decoded here for board-switched lines, whose credit
    /// only asks <see cref="SupplyRouting"/> for supply (Safety decides). Keys, deliveries and credit all run on the
    /// scheduler's command lane, so a token never races a poll on the bus.
    /// </summary>
    public sealed class PrepaidWiring : IScheduledUnit
    {
        /// <summary>A queued STS token is retried this often while its meter stays unreachable.</summary>
        public const long StsRetryMs = 60000;

        /// <summary>Time credit runs down in steps of this (a minute is far finer than OpenPAYGO's day units).</summary>
        public const long CreditTickMs = 60000;

        /// <summary>How often an idle keypad checks its 30 s inactivity timeout.</summary>
        public const long KeypadTickMs = 5000;

        /// <summary>docs/prepaid.md: the first wrong keypad entry already waits one minute.</summary>
        private const int FreeAttempts = 0;

        /// <summary>Keys waiting for the lane; a child mashing the keypad cannot grow memory.</summary>
        private const int MaxQueuedKeys = 64;

        private readonly Hashtable _remoteAccount = new Hashtable();
        private readonly ArrayList _lines = new ArrayList();
        /// <summary>Energy-credit ledgers by safety channel id: the meter on that line feeds them.</summary>
        private readonly Hashtable _energyLines = new Hashtable();
        private readonly IMonotonicClock _clock;
        private readonly HandOffQueue _keys;

        public PrepaidWiring(GatewayConfig config, GatewayPorts ports, MeteringWiring metering, NorthboundWiring northbound, SafetyWiring safety, Scheduler scheduler, LineEnergyFeed energyFeed)
        {
            _clock = ports.Clock;
            _keys = new HandOffQueue(scheduler, "key", Lane.Command, MaxQueuedKeys, RunKey);
            Accounts = new PrepaidAccounts();
            Events = new TokenEventRelay(northbound.Topics, northbound.Uplink, ports.WallClock);
            // A pole without STS meters keeps no STS queue (and no 4 KB record buffer for one).
            bool sts = HasStsMeter(config);
            Sts = new StsPath(new MeterTokenDelivery(metering.Meter), ports.StateStore, Events,
                sts ? StsPath.DefaultQueueCapacity : 0, sts ? StsPath.DefaultMemoryCapacity : 0);
            Entry = new TokenEntry(Accounts, Sts, Events);
            for (int i = 0; i < config.OpenPaygoLines.Length; i++)
            {
                AddLine(config.OpenPaygoLines[i], safety, ports);
            }

            for (int i = 0; i < config.Meters.Length; i++)
            {
                MeterConfig meter = config.Meters[i];
                AddAccount(config, meter, metering.Meter(meter.Id), safety);
                var ledger = meter.Line == null ? null : (OpenPaygoLine)_energyLines[meter.Line];
                if (ledger != null)
                {
                    energyFeed.Bind(meter.Id, ledger);
                }
            }

            if (ports.Keypad != null)
            {
                if (ports.KeypadIndicator == null)
                {
                    throw new GatewayCompositionException("port KeypadIndicator is not supplied by the platform (needed with a Keypad)");
                }

                Lockout = new KeypadLockout(ports.StateStore, FreeAttempts);
                Keypad = new KeypadEntry(Entry, Lockout, ports.KeypadIndicator);
                ports.Keypad.KeyPressed += OnKeyPressed;
            }
        }

        public PrepaidAccounts Accounts { get; }

        public StsPath Sts { get; }

        /// <summary>The one entry point of keypad and remote tokens.</summary>
        public TokenEntry Entry { get; }

        public TokenEventRelay Events { get; }

        /// <summary>Null when the platform has no keypad.</summary>
        public KeypadEntry Keypad { get; }

        public KeypadLockout Lockout { get; }

        public int LineCount => _lines.Count;

        public OpenPaygoLine Line(int index) => (OpenPaygoLine)_lines[index];

        /// <summary>Keys lost because the queue was full.</summary>
        public int KeysDropped => _keys.Dropped;

        /// <summary>Restores what survived the last power cut (queued tokens, lockout, line credit) and puts the work on the lanes.</summary>
        public void Schedule(Scheduler scheduler, long nowMs)
        {
            Sts.Restore();
            if (Lockout != null)
            {
                Lockout.Restore(nowMs);
                scheduler.AddPeriodic("keypad", Lane.Command, nowMs + KeypadTickMs, KeypadTickMs, Keypad.Tick);
            }

            for (int i = 0; i < _lines.Count; i++)
            {
                Line(i).Restore();
            }

            scheduler.AddPeriodic("sts delivery", Lane.Command, nowMs + StsRetryMs, StsRetryMs, PumpSts);
            if (_lines.Count > 0)
            {
                scheduler.AddPeriodic("line credit", Lane.Command, nowMs + CreditTickMs, CreditTickMs, RunDownCredit);
            }
        }

        /// <summary>
        /// The head-end's <c>token</c> command for the meter <paramref name="meterSerial"/> (on the command lane).
        /// Null when the token was accepted or durably queued for the meter (its final token_accepted /
        /// token_rejected event follows), else the reason it was refused.
        /// </summary>
        public string SubmitRemote(string meterSerial, string commandId, string token)
        {
            var account = (string)_remoteAccount[meterSerial];
            if (account == null)
            {
                return "not_prepaid: meter has neither an STS token gateway nor an OpenPAYGO line";
            }

            TokenOutcome outcome = Entry.Submit(TokenSource.Remote, commandId, account, token);
            return outcome.Kind == TokenOutcomeKind.Rejected ? outcome.Reason : null;
        }

        private void AddLine(Config.OpenPaygoLineConfig line, SafetyWiring safety, GatewayPorts ports)
        {
            int number = safety.LineOf(line.Line);
            var prepaid = new OpenPaygoDeviceSetup();
            prepaid.Line = number;
            prepaid.Key = line.Key;
            prepaid.StartingCode = (uint)line.StartingCode;
            prepaid.RestrictedDigits = line.Restricted;
            prepaid.ExtendedTokens = line.Extended;
            prepaid.Unit = line.Unit;
            prepaid.WhPerUnit = line.WhPerUnit;
            var ledger = new OpenPaygoLine(prepaid, ports.StateStore, safety.Supply);
            _lines.Add(ledger);
            if (line.Unit == CreditUnit.Energy)
            {
                _energyLines[line.Line] = ledger;
            }
            Entry.AddLine(ledger);
        }

        /// <summary>
        /// An STS meter or a meter on an OpenPAYGO line gets an account: its configured keypad code, or (remote only)
        /// "meter:" + id, which no keypad can type.
        /// </summary>
        private void AddAccount(GatewayConfig config, MeterConfig meter, MeterRecord record, SafetyWiring safety)
        {
            string code = meter.Account != null ? meter.Account : "meter:" + meter.Id;
            PrepaidAccount account = null;
            if (meter.Line != null && IsOpenPaygoLine(config, meter.Line))
            {
                account = PrepaidAccount.OpenPaygoLine(code, safety.LineOf(meter.Line));
            }
            else if (meter.Prepaid == PrepaidMode.Sts)
            {
                account = PrepaidAccount.StsMeter(code, meter.Id, EncodingOf(record == null ? null : record.Profile));
            }

            if (account == null)
            {
                return;
            }

            Accounts.Add(account);
            Events.Bind(code, meter.Id);
            _remoteAccount[meter.Id] = code;
        }

        private static bool IsOpenPaygoLine(GatewayConfig config, string channelId)
        {
            for (int i = 0; i < config.OpenPaygoLines.Length; i++)
            {
                if (config.OpenPaygoLines[i].Line == channelId)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The vendor profile's token encoding; ASCII digits when it names none (the common class-115 form).</summary>
        private static bool HasStsMeter(GatewayConfig config)
        {
            for (int i = 0; i < config.Meters.Length; i++)
            {
                if (config.Meters[i].Prepaid == PrepaidMode.Sts)
                {
                    return true;
                }
            }

            return false;
        }

        private static StsTokenEncoding EncodingOf(VendorProfile profile)
        {
            var encoding = profile == null ? TokenEncoding.None : profile.TokenEncoding;
            switch (encoding)
            {
                case TokenEncoding.Bcd10: return StsTokenEncoding.PackedBcd10;
                case TokenEncoding.Binary9: return StsTokenEncoding.Binary9;
                default: return StsTokenEncoding.Ascii20;
            }
        }

        private void OnKeyPressed(char key)
        {
            _keys.Offer(key);
        }

        private void RunKey(object key)
        {
            Keypad.OnKey((char)key, _clock.NowMs);
        }

        private void PumpSts(long nowMs)
        {
            if (Sts.PendingCount > 0)
            {
                Sts.Pump();
            }
        }

        private void RunDownCredit(long nowMs)
        {
            for (int i = 0; i < _lines.Count; i++)
            {
                Line(i).Tick(CreditTickMs / 1000);
            }
        }
    }
}
