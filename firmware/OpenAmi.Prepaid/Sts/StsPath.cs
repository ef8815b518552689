using System;
using System.Collections;
using OpenAmi.Prepaid.Entry;
using OpenAmi.Prepaid.Keypad;
using OpenAmi.Prepaid.Ports;
using OpenAmi.Storage.Ports;
using OpenAmi.Storage.Records;

namespace OpenAmi.Prepaid.Sts
{
    /// <summary>
    /// Carries STS tokens to meters. The gateway cannot decrypt STS tokens (the meter holds the key): it
    /// checks the format and, for the unencrypted class 1, the CRC; stores the token (persisted before anything
    /// else happens, so an accepted entry survives a power cut), delivers tokens per meter in entry order through <see cref="ITokenDelivery"/>,
    /// and remembers recent tokens so the same token entered twice is answered "used" without a second
    /// delivery. Final outcomes of tokens that had to wait go to the <see cref="ITokenOutcomeSink"/>. Before a token's
    /// first delivery a "delivering" mark is stored, so a token the meter credited just before a power cut (or whose
    /// answer was lost) is reported accepted when the retry is answered "used".
    /// </summary>
    public sealed class StsPath
    {
        public const int DefaultQueueCapacity = 8;
        public const int DefaultMemoryCapacity = 16;

        private readonly ITokenDelivery _delivery;
        private readonly ITokenOutcomeSink _sink;
        private readonly DualSlotRecordStore _record;
        private readonly int _queueCapacity;
        private readonly int _memoryCapacity;
        private readonly ArrayList _pending = new ArrayList();
        private readonly ArrayList _handled = new ArrayList();
        private readonly ArrayList _unreachable = new ArrayList();
        private readonly byte[] _encoded = new byte[StsTokenEncoder.MaxEncodedLength];

        public StsPath(ITokenDelivery delivery, IFileStore store, ITokenOutcomeSink sink, int queueCapacity, int memoryCapacity)
        {
            _delivery = delivery;
            _sink = sink;
            _record = new DualSlotRecordStore(store, "sts-queue", StsQueueRecord.MaxPayloadFor(queueCapacity, memoryCapacity));
            _queueCapacity = queueCapacity;
            _memoryCapacity = memoryCapacity;
        }

        public int PendingCount
        {
            get { return _pending.Count; }
        }

        public void Restore()
        {
            _pending.Clear();
            _handled.Clear();
            int length = _record.LoadInPlace();
            if (length >= 0)
            {
                StsQueueRecord.Read(_record.Buffer, DualSlotRecordStore.PayloadOffset, length, _pending, _handled);
            }
        }

        /// <summary>
        /// Takes one token for <paramref name="meterId"/>. Returns the final outcome when the meter answered
        /// at once, a Queued outcome when it is stored for later, or a rejection that never reached a meter.
        /// </summary>
        public TokenOutcome Submit(TokenSource source, string requestId, string account, string meterId, StsTokenEncoding encoding, string digits)
        {
            var outcome = NewOutcome(source, requestId, account);
            StsTokenNumber number;
            string reason;
            if (!StsTokenNumber.TryParse(digits, out number, out reason))
            {
                return Reject(outcome, reason == "reserved_class" ? "reserved_class" : "not_a_token", KeypadFeedback.Reject, true);
            }

            outcome.StsClass = number.TokenClass;
            if (number.TokenClass == 1 && !StsClass1Token.Decode(number).CrcValid)
            {
                // Class 1 is not encrypted: its CRC is checked here, so a mistyped or made-up number never
                // reaches a meter and is never reported as accepted.
                return Reject(outcome, "crc", KeypadFeedback.Reject, true);
            }

            if (Find(_pending, meterId, digits) != null || Find(_handled, meterId, digits) != null)
            {
                return Reject(outcome, "used", KeypadFeedback.Used, false);
            }

            if (_pending.Count >= _queueCapacity)
            {
                return Reject(outcome, "queue_full", KeypadFeedback.Busy, false);
            }

            var entry = new StsQueueEntry();
            entry.MeterId = meterId;
            entry.Digits = digits;
            entry.Encoding = encoding;
            entry.Source = source;
            entry.RequestId = requestId;
            entry.Account = account;
            _pending.Add(entry);
            if (!TrySave())
            {
                _pending.Remove(entry);
                return Reject(outcome, "storage_failure", KeypadFeedback.Busy, false);
            }

            TokenOutcome immediate = Pump(entry);
            if (immediate != null)
            {
                return immediate;
            }

            outcome.Kind = TokenOutcomeKind.Queued;
            outcome.Reason = "queued";
            outcome.Feedback = KeypadFeedback.Busy;
            return outcome;
        }

        /// <summary>Delivers whatever is pending, per meter in entry order; call it periodically.</summary>
        public void Pump()
        {
            Pump(null);
        }

        private TokenOutcome Pump(StsQueueEntry returnFor)
        {
            TokenOutcome forCaller = null;
            _unreachable.Clear();
            int i = 0;
            while (i < _pending.Count)
            {
                var entry = (StsQueueEntry)_pending[i];
                if (_unreachable.Contains(entry.MeterId))
                {
                    i++;
                    continue;
                }

                bool enteredBefore = entry.Delivering && !entry.AwaitingStatus;
                TokenDeliveryStatus status = Send(entry);
                if (status == TokenDeliveryStatus.Used && enteredBefore)
                {
                    // A meter accepts a token once: "used" for one this path already entered (answer lost to a
                    // timeout or a power cut) means that earlier entry credited it.
                    status = TokenDeliveryStatus.Accepted;
                }

                if (status == TokenDeliveryStatus.Unreachable || status == TokenDeliveryStatus.Pending)
                {
                    // Later tokens for this meter must wait behind this one.
                    _unreachable.Add(entry.MeterId);
                    if (status == TokenDeliveryStatus.Pending && !entry.AwaitingStatus)
                    {
                        entry.AwaitingStatus = true;
                        TrySave();
                    }

                    i++;
                    continue;
                }

                _pending.RemoveAt(i);
                entry.Status = status;
                Remember(entry);
                TrySave();
                TokenOutcome outcome = Final(entry, status);
                if (entry == returnFor)
                {
                    forCaller = outcome;
                }
                else
                {
                    _sink.OnOutcome(outcome);
                }
            }

            return forCaller;
        }

        private TokenDeliveryStatus Send(StsQueueEntry entry)
        {
            if (entry.AwaitingStatus)
            {
                return _delivery.ReadStatus(entry.MeterId);
            }

            if (!entry.Delivering)
            {
                entry.Delivering = true;
                if (!TrySave())
                {
                    // Without the mark a cut after crediting would later read as "used": wait for storage.
                    entry.Delivering = false;
                    return TokenDeliveryStatus.Unreachable;
                }
            }

            StsTokenNumber number;
            string ignored;
            StsTokenNumber.TryParse(entry.Digits, out number, out ignored);
            int count = StsTokenEncoder.Encode(entry.Digits, number, entry.Encoding, _encoded, 0);
            return _delivery.Deliver(entry.MeterId, _encoded, 0, count);
        }

        private void Remember(StsQueueEntry entry)
        {
            _handled.Add(entry);
            while (_handled.Count > _memoryCapacity)
            {
                _handled.RemoveAt(0);
            }
        }

        private bool TrySave()
        {
            try
            {
                _record.SaveInPlace(StsQueueRecord.Write(_pending, _handled, _record.Buffer, DualSlotRecordStore.PayloadOffset));
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }

        private static StsQueueEntry Find(ArrayList list, string meterId, string digits)
        {
            foreach (StsQueueEntry entry in list)
            {
                if (entry.SameToken(meterId, digits))
                {
                    return entry;
                }
            }

            return null;
        }

        private static TokenOutcome Final(StsQueueEntry entry, TokenDeliveryStatus status)
        {
            var outcome = NewOutcome(entry.Source, entry.RequestId, entry.Account);
            StsTokenNumber number;
            string ignored;
            StsTokenNumber.TryParse(entry.Digits, out number, out ignored);
            outcome.StsClass = number.TokenClass;
            switch (status)
            {
                case TokenDeliveryStatus.Accepted:
                    outcome.Kind = TokenOutcomeKind.Accepted;
                    outcome.Reason = "accepted";
                    outcome.Feedback = KeypadFeedback.Accept;
                    return outcome;
                case TokenDeliveryStatus.Used:
                    return Reject(outcome, "used", KeypadFeedback.Used, false);
                case TokenDeliveryStatus.Old:
                    return Reject(outcome, "old", KeypadFeedback.Old, false);
                case TokenDeliveryStatus.FormatFailure:
                    return Reject(outcome, "format_failure", KeypadFeedback.Reject, true);
                case TokenDeliveryStatus.AuthenticationFailure:
                    return Reject(outcome, "authentication_failure", KeypadFeedback.Reject, true);
                case TokenDeliveryStatus.CrcError:
                    // Encrypted classes are authenticated by the CRC of the decrypted block: there a CRC error
                    // means the token is not for this meter's key.
                    return Reject(outcome, number.TokenClass == 1 ? "crc" : "authentication_failure", KeypadFeedback.Reject, true);
                case TokenDeliveryStatus.ManufacturerCodeError:
                    return Reject(outcome, "manufacturer_code", KeypadFeedback.Reject, true);
                case TokenDeliveryStatus.ValidationFailure:
                    return Reject(outcome, "validation_failure", KeypadFeedback.Reject, false);
                default:
                    return Reject(outcome, "execution_failure", KeypadFeedback.Reject, false);
            }
        }

        private static TokenOutcome NewOutcome(TokenSource source, string requestId, string account)
        {
            var outcome = new TokenOutcome();
            outcome.Scheme = "sts";
            outcome.Source = source;
            outcome.RequestId = requestId;
            outcome.Account = account;
            return outcome;
        }

        private static TokenOutcome Reject(TokenOutcome outcome, string reason, KeypadFeedback feedback, bool countsAsInvalid)
        {
            outcome.Kind = TokenOutcomeKind.Rejected;
            outcome.Reason = reason;
            outcome.Feedback = feedback;
            outcome.CountsAsInvalid = countsAsInvalid;
            return outcome;
        }
    }
}
