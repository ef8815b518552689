using System.Collections;
using OpenAmi.Json;
using OpenAmi.Metering.Dlms;

namespace OpenAmi.Gateway.Config
{
    /// <summary>
    /// The DLMS meters' secrets (LLS passwords, suite 0 keys) from their own provisioned file, so the feeder
    /// configuration can be shared without them. Format (docs/provisioning/dlms-secrets.json):
    /// <c>{ "systemTitleHex", "secrets": { "&lt;secretRef&gt;": { "passwordHex", "blockCipherKeyHex", "authenticationKeyHex" } } }</c>,
    /// each member optional; keys are AES-128 (16 bytes, DLMS UA 1000-2 Ed. 10 §9.2.2.2, security suite 0); the
    /// gateway's own system title (8 bytes, §4.3.4 of the same) is needed by ciphered and HLS associations.
    /// </summary>
    public sealed class DlmsSecretTable : IDlmsSecretStore
    {
        private const int KeyBytes = 16;
        private static readonly string[] RootMembers = { "systemTitleHex", "secrets" };
        private static readonly string[] SecretMembers = { "passwordHex", "blockCipherKeyHex", "authenticationKeyHex" };

        private readonly Hashtable _secrets = new Hashtable();

        /// <summary>No secrets: meters with a profile that needs one fail to associate, with the reason logged.</summary>
        public static readonly DlmsSecretTable Empty = new DlmsSecretTable();

        public int Count => _secrets.Count;

        /// <summary>The gateway's DLMS system title, or null when the file gives none.</summary>
        public byte[] SystemTitle { get; private set; }

        public DlmsSecret Find(string secretRef) => secretRef == null ? null : (DlmsSecret)_secrets[secretRef];

        /// <summary>Parses the file; every problem goes to <paramref name="errors"/> as a <see cref="ConfigError"/> and null is returned.</summary>
        public static DlmsSecretTable Load(string json, ArrayList errors)
        {
            int before = errors.Count;
            JsonIndex document;
            try
            {
                document = JsonIndex.Parse(json);
            }
            catch (JsonException e)
            {
                errors.Add(new ConfigError("$", "not valid JSON: " + e.Message));
                return null;
            }

            var fields = new ConfigFields(document, errors);
            int root = document.Root;
            if (document.Kind(root) != JsonKind.Object)
            {
                fields.Error("$", "the secrets file is a JSON object");
                return null;
            }

            fields.RejectUnknown(root, "$", RootMembers);
            int secrets = fields.Object(root, "secrets", "$", true);
            var table = new DlmsSecretTable();
            if (document.Has(root, "systemTitleHex"))
            {
                table.SystemTitle = fields.Hex(root, "systemTitleHex", "$", 8, false);
            }

            int count = secrets == JsonIndex.None ? 0 : document.Count(secrets);
            for (int i = 0; i < count; i++)
            {
                string name = document.NameAt(secrets, i);
                string path = JsonPathReader.Member("$.secrets", name);
                int item = fields.ObjectItem(secrets, i, path);
                if (item == JsonIndex.None)
                {
                    continue;
                }

                fields.RejectUnknown(item, path, SecretMembers);
                table._secrets[name] = new DlmsSecret
                {
                    Password = document.Has(item, "passwordHex") ? fields.Hex(item, "passwordHex", path, 1, true) : null,
                    BlockCipherKey = document.Has(item, "blockCipherKeyHex") ? fields.Hex(item, "blockCipherKeyHex", path, KeyBytes, false) : null,
                    AuthenticationKey = document.Has(item, "authenticationKeyHex") ? fields.Hex(item, "authenticationKeyHex", path, KeyBytes, false) : null,
                };
            }

            return errors.Count == before ? table : null;
        }
    }
}
