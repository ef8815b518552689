using System.Collections;
using System.Text;
using OpenAmi.Prepaid.Keypad;
using OpenAmi.Prepaid.Ledger;
using OpenAmi.Prepaid.Ports;
using OpenAmi.Prepaid.Sts;

namespace OpenAmi.Prepaid.Entry
{
    /// <summary>
    /// The one entry point shared by the keypad and the northbound <c>token</c> command: resolve the account,
    /// then hand the token to the STS path (carried to the meter) or to the line's OpenPAYGO ledger (decoded
    /// here). Final outcomes go to the sink as plain data; Queued STS entries report their final outcome
    /// later from <see cref="StsPath.Pump()"/>.
    /// </summary>
    public sealed class TokenEntry
    {
        private readonly PrepaidAccounts _accounts;
        private readonly StsPath _sts;
        private readonly ITokenOutcomeSink _sink;
        private readonly Hashtable _lines = new Hashtable();

        public TokenEntry(PrepaidAccounts accounts, StsPath sts, ITokenOutcomeSink sink)
        {
            _accounts = accounts;
            _sts = sts;
            _sink = sink;
        }

        public void AddLine(OpenPaygoLine line)
        {
            _lines[line.Line] = line;
        }

        public bool IsKnownAccount(string code)
        {
            return Resolve(_accounts.Find(code)) != null;
        }

        public TokenOutcome Submit(TokenSource source, string requestId, string account, string token)
        {
            PrepaidAccount target = _accounts.Find(account);
            object route = Resolve(target);
            string digits = StripSeparators(token);
            TokenOutcome outcome;
            if (route == null)
            {
                outcome = new TokenOutcome();
                outcome.Kind = TokenOutcomeKind.Rejected;
                outcome.Reason = "unknown_account";
                outcome.Feedback = KeypadFeedback.Reject;
                outcome.CountsAsInvalid = true;
            }
            else if (target.IsSts)
            {
                outcome = _sts.Submit(source, requestId, account, target.MeterId, target.Encoding, digits);
            }
            else
            {
                outcome = ((OpenPaygoLine)route).Enter(digits);
            }

            outcome.Source = source;
            outcome.RequestId = requestId;
            outcome.Account = account;
            if (outcome.Kind != TokenOutcomeKind.Queued)
            {
                _sink.OnOutcome(outcome);
            }

            return outcome;
        }

        private object Resolve(PrepaidAccount account)
        {
            if (account == null)
            {
                return null;
            }

            if (account.IsSts)
            {
                return _sts;
            }

            return _lines[account.Line];
        }

        /// <summary>Remote tokens may arrive grouped ("1234 5678-..."): only digits matter.</summary>
        private static string StripSeparators(string token)
        {
            if (token == null)
            {
                return null;
            }

            var digits = new StringBuilder(token.Length);
            for (int i = 0; i < token.Length; i++)
            {
                char c = token[i];
                if (c != ' ' && c != '-')
                {
                    digits.Append(c);
                }
            }

            return digits.ToString();
        }
    }
}
