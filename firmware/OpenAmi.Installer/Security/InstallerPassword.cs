using System.Text;
using OpenAmi.Storage.Ports;

namespace OpenAmi.Installer.Security
{
    /// <summary>
    /// The board's installer password, provisioned per board and kept on flash only as a salted hash
    /// (record: version u8 | salt 16 B | hash 32 B). There is no default: a board without a record answers no API
    /// request. Checking compares the hashes in constant time (<see cref="ConstantTime"/>).
    /// </summary>
    public sealed class InstallerPassword
    {
        public const string FileName = "installer-password";
        public const int MinLength = 10;
        public const int MaxLength = 64;
        public const int SaltLength = 16;
        public const int HashLength = 32;
        private const int Version = 1;
        private const int RecordLength = 1 + SaltLength + HashLength;

        private readonly IPasswordHasher _hasher;
        private readonly byte[] _salt;
        private readonly byte[] _hash;

        private InstallerPassword(IPasswordHasher hasher, byte[] salt, byte[] hash)
        {
            _hasher = hasher;
            _salt = salt;
            _hash = hash;
        }

        /// <summary>Hashes <paramref name="password"/> with <paramref name="salt"/> (random, per board) and stores the record.</summary>
        public static InstallerPassword Provision(IFileStore store, IPasswordHasher hasher, string password, byte[] salt)
        {
            if (password == null || password.Length < MinLength || password.Length > MaxLength)
            {
                throw new InstallerPasswordException("the installer password has " + MinLength + " to " + MaxLength + " characters");
            }

            if (salt == null || salt.Length != SaltLength)
            {
                throw new InstallerPasswordException("the salt has " + SaltLength + " bytes");
            }

            byte[] hash = hasher.Hash(salt, Encoding.UTF8.GetBytes(password));
            var record = new byte[RecordLength];
            record[0] = Version;
            for (int i = 0; i < SaltLength; i++)
            {
                record[1 + i] = salt[i];
            }

            for (int i = 0; i < HashLength; i++)
            {
                record[1 + SaltLength + i] = hash[i];
            }

            store.Write(FileName, record, 0, record.Length);
            return new InstallerPassword(hasher, (byte[])salt.Clone(), hash);
        }

        /// <summary>The provisioned password, or null when the board has none.</summary>
        public static InstallerPassword Load(IFileStore store, IPasswordHasher hasher)
        {
            if (store.Length(FileName) < 0)
            {
                return null;
            }

            var record = new byte[RecordLength];
            int read = store.Read(FileName, 0, record, 0, RecordLength);
            if (read != RecordLength || store.Length(FileName) != RecordLength || record[0] != Version)
            {
                throw new InstallerPasswordException("the stored installer password record is damaged; provision it again");
            }

            var salt = new byte[SaltLength];
            var hash = new byte[HashLength];
            for (int i = 0; i < SaltLength; i++)
            {
                salt[i] = record[1 + i];
            }

            for (int i = 0; i < HashLength; i++)
            {
                hash[i] = record[1 + SaltLength + i];
            }

            return new InstallerPassword(hasher, salt, hash);
        }

        public bool Matches(string candidate)
        {
            if (candidate == null || candidate.Length > MaxLength)
            {
                return false;
            }

            return ConstantTime.Equal(_hasher.Hash(_salt, Encoding.UTF8.GetBytes(candidate)), _hash);
        }
    }
}
