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
            var fields = new FieldReader(errors);
            JsonNode root;
            try
            {
                root = JsonParser.Parse(json);
            }
            catch (JsonException e)
            {
                fields.Error("$", "not valid JSON: " + e.Message);
                return null;
            }

            if (root.Kind != JsonKind.Object)
            {
                fields.Error("$", "the secrets file is a JSON object");
                return null;
            }

            fields.RejectUnknown(root, "$", RootMembers);
            JsonNode secrets = fields.Object(root, "secrets", "$.secrets", true);
            var table = new DlmsSecretTable();
            if (root.Has("systemTitleHex"))
            {
                table.SystemTitle = fields.Hex(root, "systemTitleHex", "$.systemTitleHex", 8, false);
            }

            for (int i = 0; secrets != null && i < secrets.Count; i++)
            {
                string name = secrets.NameAt(i);
                string path = FieldReader.Member("$.secrets", name);
                JsonNode item = secrets[i];
                if (item.Kind != JsonKind.Object)
                {
                    fields.Error(path, "must be an object, not " + JsonNode.KindName(item.Kind));
                    continue;
                }

                fields.RejectUnknown(item, path, SecretMembers);
                table._secrets[name] = new DlmsSecret
                {
                    Password = item.Has("passwordHex") ? fields.Hex(item, "passwordHex", FieldReader.Member(path, "passwordHex"), 1, true) : null,
                    BlockCipherKey = item.Has("blockCipherKeyHex") ? fields.Hex(item, "blockCipherKeyHex", FieldReader.Member(path, "blockCipherKeyHex"), KeyBytes, false) : null,
                    AuthenticationKey = item.Has("authenticationKeyHex") ? fields.Hex(item, "authenticationKeyHex", FieldReader.Member(path, "authenticationKeyHex"), KeyBytes, false) : null,
                };
            }

            return errors.Count == before ? table : null;
        }
    }
}
