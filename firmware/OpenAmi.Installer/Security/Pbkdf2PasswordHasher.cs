using System;

namespace OpenAmi.Installer.Security
{
    /// <summary>
    /// PBKDF2-HMAC-SHA256 (RFC 8018 §5.2) for the 32-byte password hash: one output block of the MAC's own length, so
    /// the derivation is T1 = U1 ^ … ^ Uc with U1 = MAC(P, S || INT(1)) and Ui = MAC(P, Ui-1). The same derivation as
    /// the emulator's, so a record provisioned on a host matches on a board. Not thread-safe: the HTTP thread alone
    /// checks passwords.
    /// </summary>
    public sealed class Pbkdf2PasswordHasher : IPasswordHasher
    {
        /// <summary>
        /// What every provisioned record is derived with (the record does not carry a count). Every API request is
        /// checked against the hash, so the count is what a request can afford; online guessing is bounded by the
        /// lockout, and the count only slows an attack on a copied record.
        /// </summary>
        public const int Iterations = 10000;

        private readonly IHmacSha256 _mac;
        private readonly int _iterations;

        public Pbkdf2PasswordHasher(IHmacSha256 mac, int iterations)
        {
            if (iterations < 1)
            {
                throw new ArgumentOutOfRangeException("iterations", "PBKDF2 needs at least one iteration");
            }

            _mac = mac;
            _iterations = iterations;
        }

        public byte[] Hash(byte[] salt, byte[] password)
        {
            var first = new byte[salt.Length + 4];
            Array.Copy(salt, first, salt.Length);
            first[salt.Length + 3] = 1;

            _mac.SetKey(password);
            byte[] u = _mac.Mac(first);
            var t = (byte[])u.Clone();
            for (int i = 1; i < _iterations; i++)
            {
                u = _mac.Mac(u);
                for (int j = 0; j < t.Length; j++)
                {
                    t[j] ^= u[j];
                }
            }

            return t;
        }
    }
}
