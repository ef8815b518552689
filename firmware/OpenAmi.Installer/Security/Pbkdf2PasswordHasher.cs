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

        private const int MacLength = 32;

        private readonly IHmacSha256 _mac;
        private readonly int _iterations;
        private readonly byte[] _u = new byte[MacLength];
        private readonly byte[] _next = new byte[MacLength];

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

            // U(i-1) and U(i) take turns in two buffers of this instance: the loop allocates nothing on the host, and on
            // a board only what its native HMAC returns.
            _mac.SetKey(password);
            byte[] previous = _u;
            byte[] next = _next;
            _mac.Mac(first, previous);
            var t = (byte[])previous.Clone();
            for (int i = 1; i < _iterations; i++)
            {
                _mac.Mac(previous, next);
                for (int j = 0; j < MacLength; j++)
                {
                    t[j] ^= next[j];
                }

                byte[] swap = previous;
                previous = next;
                next = swap;
            }

            Array.Clear(_u, 0, MacLength);
            Array.Clear(_next, 0, MacLength);
            return t;
        }
    }
}
