using System;
using System.Text;

namespace OpenAmi.Installer.Security
{
    /// <summary>
    /// The installer password once PBKDF2 has accepted it, so that the page's refreshes cost one HMAC each instead of
    /// PBKDF2's 10,000: an HMAC-SHA256 of the presented password under a key drawn at boot, in RAM only. Neither the key
    /// nor the MAC is ever written or returned, and a restart draws a new key and starts empty. The API forgets it on a
    /// wrong password and on a lockout, so a guess always pays the full derivation and counts toward the lockout.
    /// Not thread-safe: the HTTP thread alone checks passwords.
    /// </summary>
    public sealed class VerifiedPassword
    {
        public const int KeyLength = 32;
        private const int MacLength = 32;

        private readonly IHmacSha256 _mac;
        private readonly byte[] _verified = new byte[MacLength];
        private readonly byte[] _presented = new byte[MacLength];
        private bool _held;

        /// <param name="mac">An instance of its own: the key set here must stay set.</param>
        /// <param name="bootKey">
        /// <see cref="KeyLength"/> random bytes drawn at boot (the board's hardware RNG); the caller keeps no other copy.
        /// </param>
        public VerifiedPassword(IHmacSha256 mac, byte[] bootKey)
        {
            if (bootKey == null || bootKey.Length != KeyLength)
            {
                throw new ArgumentException("the boot key has " + KeyLength + " random bytes", "bootKey");
            }

            _mac = mac;
            _mac.SetKey(bootKey);
        }

        /// <summary>Whether <paramref name="candidate"/> is the password last verified, compared in constant time.</summary>
        public bool Holds(string candidate)
        {
            if (!_held || candidate == null || candidate.Length > InstallerPassword.MaxLength)
            {
                return false;
            }

            _mac.Mac(Encoding.UTF8.GetBytes(candidate), _presented);
            return ConstantTime.Equal(_presented, _verified);
        }

        /// <summary>Keeps <paramref name="candidate"/>, which the stored record has just accepted.</summary>
        public void Remember(string candidate)
        {
            _mac.Mac(Encoding.UTF8.GetBytes(candidate), _verified);
            _held = true;
        }

        public void Forget()
        {
            _held = false;
            Array.Clear(_verified, 0, MacLength);
        }
    }
}
