using System.Collections;
using OpenAmi.Dlms.Cosem;
using OpenAmi.Json;
using OpenAmi.Metering.Modbus;
using OpenAmi.Metering.Vmrs;

namespace OpenAmi.Metering.Profiles
{
    /// <summary>
    /// One profile document read by the JSON path reader for <see cref="ProfileReader"/>: validates all of it, collecting
    /// every error with its path rather than stopping at the first. Unknown members are errors: a misspelt key must
    /// not silently fall back to a default on a meter in the field.
    /// </summary>
    internal sealed class ProfileFields : JsonPathReader
    {
        private static readonly string[] RootMembers =
            { "id", "vendor", "model", "source", "protocol", "link", "address", "dlms", "clockDeviation", "importOnly", "tokenEncoding", "items", "statusBits", "variants", "addressRule", "profiles" };
        private static readonly string[] CaptureProfileMembers = { "logicalName", "kind", "columns" };
        private static readonly string[] VariantMembers = { "id", "evidence", "items", "total", "importIncludesExport" };
        private static readonly string[] AddressRules = { "fixed", "label-last-two-digits" };
        // The combined total |+A| + |-A| (IEC 62056-6-1 quantity 15): what a variant's "total" register holds.
        private static readonly byte[] CombinedTotal = ObisName.Parse("1-0:15.8.0*255");
        private static readonly string[] LinkMembers = { "medium", "baud", "dataBits", "parity", "stopBits" };
        private static readonly string[] DlmsMembers = { "client", "logicalDevice", "authentication", "secretRef", "security" };
        private static readonly string[] DlmsItemMembers = { "class", "logicalName", "attribute", "scaler", "unit" };
        private static readonly string[] ModbusItemMembers = { "function", "register", "encoding", "order", "scaler", "unit" };
        private static readonly string[] StatusBitMembers = { "bit", "name", "tamper" };
        private static readonly string[] DeviationConventions = { "cosem", "inverted" };
        private static readonly int[] Bauds = { 300, 600, 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200 };

        private readonly ArrayList _errors = new ArrayList();
        private readonly bool _keepDescriptions;

        /// <summary>The owner path of the item being read, as <see cref="Error"/> completes it.</summary>
        private const string InItem = "";

        private string _itemOwner;
        /// <summary>The items object and member index of the item being read: its name is made into a string only for an error path.</summary>
        private int _itemsNode;
        private int _itemIndex;

        public ProfileFields(JsonIndex document, bool keepDescriptions)
            : base(document)
        {
            _keepDescriptions = keepDescriptions;
        }

        public ProfileLoadResult Read(int root)
        {
            var profile = new VendorProfile();
            if (Document.Kind(root) != JsonKind.Object)
            {
                Error("$", "a profile is a JSON object");
                return Result(null);
            }

            RejectUnknown(root, "$", RootMembers);
            profile.Id = Name(root, "id", "$");
            profile.Vendor = Description(root, "vendor", "$", false);
            profile.Model = Description(root, "model", "$", false);
            ForReaders(root, "source", "$");
            int protocol = Choice(root, "protocol", "$", ProfileNames.Protocols, -1);
            profile.Protocol = protocol == (int)MeterProtocol.Modbus ? MeterProtocol.Modbus : MeterProtocol.Dlms;
            ReadLink(root, profile);
            bool modbus = profile.Protocol == MeterProtocol.Modbus;
            profile.DefaultAddress = modbus
                ? Int(root, "address", "$", 1, 247, 1)
                : Int(root, "address", "$", 0x10, 0x3FFD, 0x10);
            ReadDlms(root, profile, modbus);
            profile.InvertedDeviationSign = Choice(root, "clockDeviation", "$", DeviationConventions, 0) == 1;
            profile.ImportOnly = Bool(root, "importOnly", "$", false);
            profile.AddressFromLabel = Choice(root, "addressRule", "$", AddressRules, 0) == 1;
            profile.TokenEncoding = (TokenEncoding)Choice(root, "tokenEncoding", "$", ProfileNames.TokenEncodings, 0);
            if (protocol >= 0)
            {
                profile.Items = ReadItems(root, "$", modbus);
                profile.Variants = ReadVariants(root, profile, modbus);
            }

            profile.StatusBits = ReadStatusBits(root);
            profile.Profiles = ReadCaptureProfiles(root, profile, modbus);
            return Result(_errors.Count == 0 ? profile : null, profile);
        }

        /// <summary>The model's gaps are listed for people (the CLI's profile check); the gateway's copy goes without them.</summary>
        private ProfileLoadResult Result(VendorProfile valid, VendorProfile partial = null)
        {
            if (!_keepDescriptions)
            {
                return new ProfileLoadResult(valid, _errors, null);
            }

            var gaps = new ArrayList();
            for (int i = 0; i < VmrsCatalogue.Items.Length; i++)
            {
                if (partial == null || !partial.MapsInSomeLayout(VmrsCatalogue.Items[i]))
                {
                    gaps.Add(VmrsCatalogue.Items[i]);
                }
            }

            return new ProfileLoadResult(valid, _errors, gaps);
        }

        private void ReadLink(int root, VendorProfile profile)
        {
            var link = Object(root, "link", "$", true);
            if (link == JsonIndex.None)
            {
                return;
            }

            RejectUnknown(link, "$.link", LinkMembers);
            profile.Medium = (LinkMedium)Choice(link, "medium", "$.link", ProfileNames.Media, -1);
            profile.Baud = Int(link, "baud", "$.link", 300, 115200, 9600);
            if (IndexOf(Bauds, profile.Baud) < 0 && Document.Has(link, "baud"))
            {
                Error("$.link.baud", "not a standard serial baud rate (300 … 115200)");
            }

            profile.DataBits = Int(link, "dataBits", "$.link", 7, 8, 8);
            profile.Parity = (Parity)Choice(link, "parity", "$.link", ProfileNames.Parities, 0);
            profile.StopBits = Int(link, "stopBits", "$.link", 1, 2, 1);
            if (profile.Protocol == MeterProtocol.Modbus && profile.Medium == LinkMedium.Optical)
            {
                Error("$.link.medium", "Modbus RTU meters are read over RS-485, not the optical port");
            }
        }

        private void ReadDlms(int root, VendorProfile profile, bool modbus)
        {
            var dlms = Object(root, "dlms", "$", false);
            if (dlms == JsonIndex.None)
            {
                return;
            }

            if (modbus)
            {
                Error("$.dlms", "a Modbus profile has no DLMS association");
                return;
            }

            RejectUnknown(dlms, "$.dlms", DlmsMembers);
            profile.ClientAddress = Int(dlms, "client", "$.dlms", 1, 127, 16);
            profile.LogicalAddress = Int(dlms, "logicalDevice", "$.dlms", 1, 0x3FFF, 1);
            profile.Authentication = (ProfileAuthentication)Choice(dlms, "authentication", "$.dlms", ProfileNames.Authentications, 0);
            profile.SecretRef = String(dlms, "secretRef", "$.dlms", false);
            profile.Security = (SecurityPolicy)Choice(dlms, "security", "$.dlms", ProfileNames.SecurityPolicies, 0);
            if ((profile.Authentication != ProfileAuthentication.None || profile.Security != SecurityPolicy.None) && profile.SecretRef == null)
            {
                Error("$.dlms.secretRef", "required when authentication is \"low\" or \"high\" or \"security\" is set: the name of the secret in the gateway's key store");
            }
        }

        private ProfileVariant[] ReadVariants(int root, VendorProfile profile, bool modbus)
        {
            var variants = Document.Get(root, "variants");
            if (variants == JsonIndex.None)
            {
                return VendorProfile.NoVariants;
            }

            if (!modbus || Document.Kind(variants) != JsonKind.Array || Document.Count(variants) == 0)
            {
                Error("$.variants", modbus ? "expected a non-empty array of {id, evidence, items, total?, importIncludesExport?}" : "variants are register layouts of Modbus models; a DLMS meter lists its own objects");
                return VendorProfile.NoVariants;
            }

            var list = new ArrayList();
            for (int i = 0; i < Document.Count(variants); i++)
            {
                string path = Item("$.variants", i);
                var node = ObjectItem(variants, i, path);
                if (node == JsonIndex.None)
                {
                    continue;
                }

                RejectUnknown(node, path, VariantMembers);
                var variant = new ProfileVariant();
                variant.Id = Name(node, "id", path);
                variant.Evidence = Description(node, "evidence", path, true);
                variant.Items = ReadItems(node, path, true);
                variant.ImportIncludesExport = Bool(node, "importIncludesExport", path, false);
                for (int v = 0; v < variant.Items.Length; v++)
                {
                    if (profile.Find(variant.Items[v].Item) != null)
                    {
                        Error(path + ".items[\"" + variant.Items[v].Item.Code + "\"]", "already mapped by the profile's common items");
                    }
                }

                var total = Object(node, "total", path, false);
                if (total != JsonIndex.None)
                {
                    variant.Total = ReadModbusItem(VmrsCatalogue.Find(VmrsCatalogue.ActiveEnergyImport), total, path + ".total", CombinedTotal);
                }

                for (int p = 0; p < list.Count; p++)
                {
                    if (variant.Id != null && ((ProfileVariant)list[p]).Id == variant.Id)
                    {
                        Error(path + ".id", "\"" + variant.Id + "\" is already a variant of this profile");
                    }
                }

                list.Add(variant);
            }

            return (ProfileVariant[])list.ToArray(typeof(ProfileVariant));
        }

        private ProfileItem[] ReadItems(int owner, string ownerPath, bool modbus)
        {
            var items = Object(owner, "items", ownerPath, true);
            if (items == JsonIndex.None)
            {
                return VendorProfile.NoItems;
            }

            // Exactly sized, and item names matched against the catalogue in place: a string per name only for an error.
            int count = Document.Count(items);
            var read = new ProfileItem[count];
            int kept = 0;
            for (int i = 0; i < count; i++)
            {
                _itemOwner = ownerPath;
                _itemsNode = items;
                _itemIndex = i;
                int catalogued = Document.NameIndex(items, i, VmrsCatalogue.Codes);
                if (catalogued < 0)
                {
                    string code = Document.NameAt(items, i);
                    var renamed = VmrsCatalogue.FindRenamed(code);
                    Error(ItemPath(), renamed != null
                        ? "draft key \"" + code + "\" was corrected to \"" + renamed.Code + "\" (" + renamed.Name + "); see docs/vmrs.md"
                        : "not a VMRS code");
                    continue;
                }

                var vmrs = VmrsCatalogue.Items[catalogued];
                var node = Document.At(items, i);
                if (Document.Kind(node) != JsonKind.Object)
                {
                    Error(ItemPath(), "expected an object");
                    continue;
                }

                var item = modbus ? ReadModbusItem(vmrs, node, InItem, vmrs.LogicalName) : ReadDlmsItem(vmrs, node, InItem, null);
                if (item != null)
                {
                    read[kept++] = item;
                }
            }

            if (kept == count)
            {
                return read;
            }

            var trimmed = new ProfileItem[kept];
            System.Array.Copy(read, trimmed, kept);
            return trimmed;
        }

        /// <param name="polled">The item as the profile polls it: a profile column captures the same attribute unless it says otherwise.</param>
        private ProfileItem ReadDlmsItem(VmrsItem vmrs, int node, string path, ProfileItem polled)
        {
            RejectUnknown(node, path, DlmsItemMembers);
            int classId = Int(node, "class", path, 1, 0xFFFF, polled != null ? polled.Target.ClassId : vmrs.ClassId);
            byte[] name = polled != null ? polled.Target.LogicalName : vmrs.LogicalName;
            if (Document.Has(node, "logicalName"))
            {
                string text = String(node, "logicalName", path, false);
                name = text == null ? null : ObisName.TryParse(text);
                if (name == null)
                {
                    Error(path + ".logicalName", ObisName.ExpectedForms);
                    return null;
                }
            }

            int attribute = Int(node, "attribute", path, 1, 127, polled != null ? polled.Target.Attribute : vmrs.Attribute);
            var item = new ProfileItem(vmrs, classId, name, attribute);
            // The polled register's scaler and unit hold for the column only when it captures that same register.
            bool samePolled = polled != null && classId == polled.Target.ClassId && attribute == polled.Target.Attribute &&
                ObisName.Equal(name, polled.Target.LogicalName);
            if (samePolled && !Document.Has(node, "scaler") && !Document.Has(node, "unit"))
            {
                item.HasScaler = polled.HasScaler;
                item.Scaler = polled.Scaler;
                item.UnitCode = polled.UnitCode;
            }

            ReadScalerUnit(vmrs, node, path, item, false);
            return item;
        }

        /// <param name="logicalName">The COSEM name the register answers to: the item's own, or a check register's.</param>
        private ProfileItem ReadModbusItem(VmrsItem vmrs, int node, string path, byte[] logicalName)
        {
            RejectUnknown(node, path, ModbusItemMembers);
            int function = RequiredInt(node, "function", path, 3, 4);
            int register = RequiredInt(node, "register", path, 0, 0xFFFF);
            var encoding = (RegisterEncoding)Choice(node, "encoding", path, RegisterEncodings.Names, -1);
            var order = (RegisterOrder)Choice(node, "order", path, RegisterEncodings.OrderNames, 0);

            if (register >= 0 && register + RegisterEncodings.RegisterCount(encoding) > 0x10000)
            {
                Error(path + ".register", "value runs past register 65535");
            }

            var item = new ProfileItem(vmrs, vmrs.ClassId, logicalName, vmrs.Attribute);
            ReadScalerUnit(vmrs, node, path, item, vmrs.IsScaledNumber);
            if (function < 0 || register < 0)
            {
                return null;
            }

            item.Modbus = new ModbusPoint(logicalName, function, register, encoding, order, item.Scaler,
                item.UnitCode >= 0 ? item.UnitCode : UnitCodes.AlreadyVmrs);
            return item;
        }

        private void ReadScalerUnit(VmrsItem vmrs, int node, string path, ProfileItem item, bool required)
        {
            if (Document.Has(node, "scaler") || required)
            {
                item.HasScaler = true;
                item.Scaler = Int(node, "scaler", path, -128, 127, 0);
            }

            if (!Document.Has(node, "unit"))
            {
                if (required)
                {
                    Error(path + ".unit", "required: the COSEM unit of the register (e.g. \"Wh\", \"W\", \"V\", \"Hz\")");
                }

                return;
            }

            // Matched in place: the symbol becomes a string only for an error.
            int unitNode = Document.Get(node, "unit");
            bool text = Document.Kind(unitNode) == JsonKind.String;
            if (!text)
            {
                Error(path + ".unit", "expected a string");
            }

            int unit = text ? UnitCodeOf(unitNode) : -1;
            if (unit < 0)
            {
                Error(path + ".unit", "unknown COSEM unit \"" + (text ? Document.AsString(unitNode) : null) + "\"");
                return;
            }

            if (vmrs.IsScaledNumber && UnitCodes.FactorToVmrs(unit, vmrs.Unit) == 0)
            {
                Error(path + ".unit", "\"" + Document.AsString(unitNode) + "\" cannot express " + vmrs.Name + " (" + vmrs.Unit + ")");
                return;
            }

            item.UnitCode = unit;
        }

        private CaptureProfile[] ReadCaptureProfiles(int root, VendorProfile profile, bool modbus)
        {
            var profiles = Document.Get(root, "profiles");
            if (profiles == JsonIndex.None)
            {
                return VendorProfile.NoProfiles;
            }

            if (modbus || Document.Kind(profiles) != JsonKind.Array)
            {
                Error("$.profiles", modbus ? "Profile generic objects are DLMS; a Modbus meter keeps no interval buffer (its gaps are reported as data_gap)"
                    : "expected an array of {logicalName, kind, columns}");
                return VendorProfile.NoProfiles;
            }

            var list = new ArrayList();
            for (int i = 0; i < Document.Count(profiles); i++)
            {
                string path = Item("$.profiles", i);
                var node = ObjectItem(profiles, i, path);
                if (node == JsonIndex.None)
                {
                    continue;
                }

                RejectUnknown(node, path, CaptureProfileMembers);
                string text = String(node, "logicalName", path, true);
                byte[] name = text == null ? null : ObisName.TryParse(text);
                if (text != null && name == null)
                {
                    Error(path + ".logicalName", ObisName.ExpectedForms);
                }

                int kind = Choice(node, "kind", path, ProfileNames.CaptureKinds, -1);
                var columns = ReadColumns(node, path, profile);
                for (int p = 0; name != null && p < list.Count; p++)
                {
                    if (ObisName.Equal(((CaptureProfile)list[p]).LogicalName, name))
                    {
                        Error(path + ".logicalName", text + " is already listed");
                        name = null;
                    }
                }

                if (name != null && columns != null)
                {
                    list.Add(new CaptureProfile(name, (CaptureProfileKind)kind, columns));
                }
            }

            return (CaptureProfile[])list.ToArray(typeof(CaptureProfile));
        }

        /// <summary>A profile's columns: VMRS numbers only (the capture time is the clock column every profile has).</summary>
        private ProfileItem[] ReadColumns(int owner, string ownerPath, VendorProfile profile)
        {
            var columns = Object(owner, "columns", ownerPath, true);
            if (columns == JsonIndex.None)
            {
                return null;
            }

            if (Document.Count(columns) == 0)
            {
                Error(ownerPath + ".columns", "name at least one VMRS register the profile captures");
                return null;
            }

            var list = new ArrayList();
            for (int i = 0; i < Document.Count(columns); i++)
            {
                string code = Document.NameAt(columns, i);
                string path = ownerPath + ".columns[\"" + code + "\"]";
                var vmrs = VmrsCatalogue.Find(code);
                if (vmrs == null || !vmrs.IsScaledNumber)
                {
                    Error(path, vmrs == null ? "not a VMRS code" : vmrs.Name + " is not a scaled register value a profile column can carry");
                    continue;
                }

                if (Document.Kind(Document.At(columns, i)) != JsonKind.Object)
                {
                    Error(path, "expected an object");
                    continue;
                }

                var column = ReadDlmsItem(vmrs, Document.At(columns, i), path, profile.Find(vmrs));
                if (column != null)
                {
                    list.Add(column);
                }
            }

            return (ProfileItem[])list.ToArray(typeof(ProfileItem));
        }

        private StatusBit[] ReadStatusBits(int root)
        {
            var bits = Document.Get(root, "statusBits");
            if (bits == JsonIndex.None)
            {
                return VendorProfile.NoStatusBits;
            }

            if (Document.Kind(bits) != JsonKind.Array)
            {
                Error("$.statusBits", "expected an array of {bit, name, tamper}");
                return VendorProfile.NoStatusBits;
            }

            var list = new ArrayList();
            ulong seen = 0;
            for (int i = 0; i < Document.Count(bits); i++)
            {
                string path = Item("$.statusBits", i);
                var node = ObjectItem(bits, i, path);
                if (node == JsonIndex.None)
                {
                    continue;
                }

                RejectUnknown(node, path, StatusBitMembers);
                int bit = RequiredInt(node, "bit", path, 0, 63);
                string name = Name(node, "name", path);
                bool tamper = Bool(node, "tamper", path, false);
                if (bit < 0 || name == null)
                {
                    continue;
                }

                if ((seen & (1UL << bit)) != 0)
                {
                    Error(path + ".bit", "bit " + bit.ToString() + " is already named");
                    continue;
                }

                seen |= 1UL << bit;
                list.Add(new StatusBit(bit, name, tamper));
            }

            return (StatusBit[])list.ToArray(typeof(StatusBit));
        }

        /// <summary>The COSEM unit code of the symbol string <paramref name="node"/>, or -1.</summary>
        private int UnitCodeOf(int node)
        {
            if (Document.StringEquals(node, string.Empty))
            {
                return -1;
            }

            for (int code = 1; code <= 255; code++)
            {
                string symbol = Units.Symbol(code);
                if (symbol != null && Document.StringEquals(node, symbol))
                {
                    return code;
                }
            }

            return Document.StringEquals(node, "count") ? Units.Count : -1;
        }

        /// <summary>
        /// A string for the people who check the profile (the "source" document the mapping comes from): its kind is
        /// checked, but the gateway never reads it, so it is not loaded (it is often the longest value in the file).
        /// </summary>
        private void ForReaders(int parent, string name, string owner)
        {
            int node = Document.Get(parent, name);
            if (node != JsonIndex.None && Document.Kind(node) != JsonKind.String)
            {
                Error(owner + "." + name, "expected a string");
            }
        }

        /// <summary>A string for people (vendor, model, a variant's evidence): always checked, kept only by a reader that keeps descriptions.</summary>
        private string Description(int parent, string name, string owner, bool required)
        {
            if (required && !Document.Has(parent, name))
            {
                Error(owner + "." + name, "required");
                return null;
            }

            if (_keepDescriptions)
            {
                return String(parent, name, owner, false);
            }

            ForReaders(parent, name, owner);
            return null;
        }

        /// <summary>A required identifier-like string: letters, digits, '-', '_' and '.'.</summary>
        private string Name(int parent, string name, string owner)
        {
            string value = String(parent, name, owner, true);
            if (value == null)
            {
                return null;
            }

            if (value.Length == 0 || value.Length > 64)
            {
                Error(owner + "." + name, "must be 1 … 64 characters");
                return null;
            }

            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
                if (!ok)
                {
                    Error(owner + "." + name, "character '" + c.ToString() + "' not allowed (letters, digits, '-', '_', '.')");
                    return null;
                }
            }

            return value;
        }

        // A profile's reasons keep the words profile authors already know ("expected …").
        protected override string WrongKind(string what, JsonKind actual) => "expected " + what;

        protected override string OutOfRange(long value, long min, long max) => value.ToString() + " is outside " + min.ToString() + " … " + max.ToString();

        protected override string NotAChoice(string[] choices, string actual) => "expected " + ProfileNames.Choices(choices);

        protected override string UnknownMember(string[] allowed) => "unknown member (allowed: " + ProfileNames.Choices(allowed) + ")";

        protected override string Forbidden(string name) =>
            name == "password" || name == "key" || name == "secret" ? "secrets do not belong in profiles: name the key-store entry with \"secretRef\"" : null;

        private static int IndexOf(int[] values, int value)
        {
            for (int i = 0; i < values.Length; i++)
            {
                if (values[i] == value)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>
        /// An item's members are reported under <see cref="InItem"/> as owner (their paths then start with "."), and the
        /// item's own path is put in front here: a profile's items are many, and their paths are needed only for errors.
        /// </summary>
        public override void Error(string path, string reason)
        {
            _errors.Add(new ProfileError(path.Length > 0 && path[0] == '.' ? ItemPath() + path : path, reason));
        }

        private string ItemPath() => _itemOwner + ".items[\"" + Document.NameAt(_itemsNode, _itemIndex) + "\"]";
    }
}
