using System.Collections;
using OpenAmi.Prepaid.Sts;

namespace OpenAmi.Prepaid.Entry
{
    /// <summary>A short account code (typed first on the keypad) naming an STS meter or a board-switched OpenPAYGO line.</summary>
    public sealed class PrepaidAccount
    {
        public string Code;
        public bool IsSts;
        public string MeterId;
        public StsTokenEncoding Encoding;
        public int Line;

        public static PrepaidAccount StsMeter(string code, string meterId, StsTokenEncoding encoding)
        {
            var account = new PrepaidAccount();
            account.Code = code;
            account.IsSts = true;
            account.MeterId = meterId;
            account.Encoding = encoding;
            return account;
        }

        public static PrepaidAccount OpenPaygoLine(string code, int line)
        {
            var account = new PrepaidAccount();
            account.Code = code;
            account.Line = line;
            return account;
        }
    }

    /// <summary>The pole's account table (from configuration).</summary>
    public sealed class PrepaidAccounts
    {
        private readonly Hashtable _byCode = new Hashtable();

        public void Add(PrepaidAccount account)
        {
            _byCode[account.Code] = account;
        }

        /// <summary>Null for an unknown code.</summary>
        public PrepaidAccount Find(string code)
        {
            return code == null ? null : (PrepaidAccount)_byCode[code];
        }
    }
}
