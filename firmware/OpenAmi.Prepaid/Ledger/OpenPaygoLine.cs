using System;
using OpenAmi.Prepaid.Entry;
using OpenAmi.Prepaid.Keypad;
using OpenAmi.Prepaid.OpenPayGo;
using OpenAmi.Prepaid.Ports;
using OpenAmi.Storage.Ports;
using OpenAmi.Storage.Records;

namespace OpenAmi.Prepaid.Ledger
{
    /// <summary>
    /// Credit ledger of one board-switched line fed by OpenPAYGO tokens. A token is applied to a copy of the
    /// state, the copy is saved (one atomic record), and only then does it replace the live state — so an
    /// accepted token is never half-applied. Credit only ever *requests* supply through
    /// <see cref="ILineSupplyRequest"/>; safety decides whether the relay may close.
    /// </summary>
    public sealed class OpenPaygoLine
    {
        private const long SecondsPerDay = 86400;

        private readonly OpenPaygoDeviceSetup _config;
        private readonly OpenPaygoDecoder _decoder;
        private readonly DualSlotRecordStore _record;
        private readonly ILineSupplyRequest _supply;
        private readonly byte[] _payload = new byte[LineCreditState.PayloadLength];
        private LineCreditState _state;
        private long _unsavedSeconds;
        private long _unsavedWh;
        private bool _supplyWanted;
        private bool _supplyAnnounced;

        public OpenPaygoLine(OpenPaygoDeviceSetup config, IFileStore store, ILineSupplyRequest supply)
        {
            _config = config;
            _decoder = new OpenPaygoDecoder(config.Key, config.StartingCode, OpenPaygoWindows.Default);
            _record = new DualSlotRecordStore(store, "opaygo-line-" + config.Line.ToString(), LineCreditState.PayloadLength);
            _supply = supply;
            _state = LineCreditState.Fresh(config.StartingCount);
        }

        public int Line
        {
            get { return _config.Line; }
        }

        public bool SupplyWanted
        {
            get { return _supplyWanted; }
        }

        public long RemainingSeconds
        {
            get { return _state.CreditSeconds; }
        }

        public long RemainingWh
        {
            get { return _state.CreditWh; }
        }

        public bool PaygEnabled
        {
            get { return !_state.PaygDisabled; }
        }

        public int LastCount
        {
            get { return _state.LastCount; }
        }

        /// <summary>Loads the saved record (a factory-fresh state if none survives) and announces the supply decision.</summary>
        public void Restore()
        {
            int length = _record.Load(_payload);
            _state = length < 0 ? LineCreditState.Fresh(_config.StartingCount) : LineCreditState.Read(_config.Line, _payload, length);
            Announce(true, "restored");
        }

        public TokenOutcome Enter(string token)
        {
            var outcome = new TokenOutcome();
            outcome.Scheme = "openpaygo";
            bool extended = _config.ExtendedTokens && token != null && token.Length == OpenPaygoDigits.LengthOf(true, _config.RestrictedDigits);
            OpenPaygoDecodeResult result = _decoder.Decode(token, extended, _config.RestrictedDigits, _state.Counts());
            outcome.Count = result.Count;
            if (!result.IsValid)
            {
                Reject(outcome, result);
                return outcome;
            }

            LineCreditState next = _state.Clone();
            OpenPaygoCountState counts = next.Counts();
            counts.Accept(result.Count, result.Type);
            next.LastCount = counts.LastCount;
            next.UsedMask = counts.UsedMask;
            string reason = Apply(next, result.Type, result.Value);
            if (!TrySave(next))
            {
                outcome.Kind = TokenOutcomeKind.Rejected;
                outcome.Reason = "storage_failure";
                outcome.Feedback = KeypadFeedback.Busy;
                return outcome;
            }

            _state = next;
            outcome.Kind = TokenOutcomeKind.Accepted;
            outcome.Reason = "accepted";
            outcome.Feedback = KeypadFeedback.Accept;
            outcome.OpenPaygoType = result.Type;
            outcome.Value = result.Value;
            Announce(false, reason);
            return outcome;
        }

        /// <summary>Time passes: time credit runs down while PAYG is enabled (also while safety holds the line off).</summary>
        public void Tick(long elapsedSeconds)
        {
            if (elapsedSeconds <= 0 || _state.PaygDisabled || _config.Unit != CreditUnit.Time || _state.CreditSeconds == 0)
            {
                return;
            }

            long used = elapsedSeconds < _state.CreditSeconds ? elapsedSeconds : _state.CreditSeconds;
            _state.CreditSeconds -= used;
            _unsavedSeconds += used;
            if (_state.CreditSeconds == 0 || _unsavedSeconds >= _config.SaveEverySeconds)
            {
                SaveQuietly();
            }

            Announce(false, "credit_expired");
        }

        /// <summary>A new reading of the line meter's cumulative energy register (energy credit lines only).</summary>
        public void OnEnergyReading(long cumulativeWh)
        {
            if (_config.Unit != CreditUnit.Energy)
            {
                return;
            }

            long previous = _state.LastMeterWh;
            _state.LastMeterWh = cumulativeWh;

            // First reading, or a register that went backwards (meter replaced or reset): resynchronise only.
            if (previous < 0 || cumulativeWh < previous || _state.PaygDisabled)
            {
                SaveQuietly();
                return;
            }

            long delta = cumulativeWh - previous;
            long used = delta < _state.CreditWh ? delta : (_state.CreditWh > 0 ? _state.CreditWh : 0);
            _state.CreditWh -= used;
            _unsavedWh += used;
            if (_state.CreditWh == 0 || _unsavedWh >= _config.SaveEveryWh)
            {
                SaveQuietly();
            }

            Announce(false, "credit_expired");
        }

        private string Apply(LineCreditState next, OpenPaygoTokenType type, long value)
        {
            switch (type)
            {
                case OpenPaygoTokenType.DisablePayg:
                    next.PaygDisabled = true;
                    return "payg_disabled";
                case OpenPaygoTokenType.CounterSync:
                    return "counter_synced";
                case OpenPaygoTokenType.SetTime:
                    // Set Time re-locks a PAYG-disabled line (spec, "Code Values Table").
                    next.PaygDisabled = false;
                    SetCredit(next, Credit(value));
                    return "credit_set";
                default:
                    // Add Time on a PAYG-disabled line changes nothing (test procedure G11B); expired credit is
                    // not carried as debt (G12).
                    if (!next.PaygDisabled)
                    {
                        long current = _config.Unit == CreditUnit.Time ? next.CreditSeconds : next.CreditWh;
                        SetCredit(next, (current > 0 ? current : 0) + Credit(value));
                    }

                    return "credit_added";
            }
        }

        private long Credit(long value)
        {
            return _config.Unit == CreditUnit.Time ? value * SecondsPerDay / _config.TimeDivider : value * _config.WhPerUnit;
        }

        private void SetCredit(LineCreditState next, long amount)
        {
            if (_config.Unit == CreditUnit.Time)
            {
                next.CreditSeconds = amount;
            }
            else
            {
                next.CreditWh = amount;
            }
        }

        private static void Reject(TokenOutcome outcome, OpenPaygoDecodeResult result)
        {
            outcome.Kind = TokenOutcomeKind.Rejected;
            if (result.Status == OpenPaygoDecodeStatus.Malformed)
            {
                outcome.Reason = "malformed_token";
                outcome.Feedback = KeypadFeedback.Reject;
                outcome.CountsAsInvalid = true;
            }
            else if (result.Status == OpenPaygoDecodeStatus.AlreadyUsed)
            {
                outcome.Reason = result.Reason;
                outcome.Feedback = result.Reason == "used" ? KeypadFeedback.Used : KeypadFeedback.Old;
            }
            else
            {
                outcome.Reason = result.Reason;
                outcome.Feedback = KeypadFeedback.Reject;
                outcome.CountsAsInvalid = result.Reason == "invalid";
            }
        }

        private bool TrySave(LineCreditState state)
        {
            try
            {
                int length = state.Write(_config.Line, _payload);
                _record.Save(_payload, 0, length);
                _unsavedSeconds = 0;
                _unsavedWh = 0;
                return true;
            }
            catch (Exception)
            {
                // The store port reports I/O failure by throwing; the live state stays as it was.
                return false;
            }
        }

        private void SaveQuietly()
        {
            // Wear-levelled periodic save: if it fails, the next save carries the same state.
            TrySave(_state);
        }

        private void Announce(bool force, string reason)
        {
            bool wanted = _state.PaygDisabled
                || (_config.Unit == CreditUnit.Time ? _state.CreditSeconds > 0 : _state.CreditWh > 0);
            if (!force && _supplyAnnounced && wanted == _supplyWanted)
            {
                return;
            }

            _supplyWanted = wanted;
            _supplyAnnounced = true;
            _supply.RequestSupply(_config.Line, wanted, reason);
        }
    }
}
