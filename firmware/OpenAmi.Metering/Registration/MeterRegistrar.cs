using System.Collections;
using OpenAmi.Metering.AutoProfile;
using OpenAmi.Metering.ClockSync;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Polling;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Vmrs;
using OpenAmi.Platform;

namespace OpenAmi.Metering.Registration
{
    /// <summary>
    /// Use case I: finds meters on a bus (a configured list, or an address scan), reads the serial
    /// (0-0:96.1.0*255, then 0-0:96.1.1*255), the active firmware identifier (1-0:0.2.0*255) and the
    /// association object list, profiles unknown models from that list, adds them to the inventory (and the
    /// poll schedule) and raises a <see cref="RegistrationEvent"/> carrying the model's VMRS gaps. Modbus meters
    /// (no object list) register from their configured model; one without a serial register gets a synthetic
    /// serial, flagged as such.
    /// </summary>
    public sealed class MeterRegistrar
    {
        private const int DataClass = 1;
        private const int ValueAttribute = 2;

        private static readonly byte[] FirmwareIdentifier = ObisName.Parse("1-0:0.2.0*255");

        private readonly IMeterBus _bus;
        private readonly MeterInventory _inventory;
        private readonly IMeteringSink _sink;
        private readonly IMonotonicClock _mono;
        private readonly GatewayClock _gatewayClock;
        private readonly MeterValue _value = new MeterValue();
        private readonly VariantDetector _variants;

        /// <param name="gatewayClock">Stamps events with UTC when synchronised; may be null.</param>
        public MeterRegistrar(IMeterBus bus, MeterInventory inventory, IMeteringSink sink, IMonotonicClock mono, GatewayClock gatewayClock)
        {
            _bus = bus;
            _inventory = inventory;
            _sink = sink;
            _mono = mono;
            _gatewayClock = gatewayClock;
            _variants = new VariantDetector(bus);
        }

        /// <summary>When set, registered meters are polled (and the entries they replace are no longer).</summary>
        public PollScheduler Scheduler { get; set; }

        /// <summary>Registers the meter at <paramref name="address"/> of a known model (the configured list).</summary>
        public RegistrationResult Register(int address, VendorProfile profile) => Register(address, profile, false);

        /// <summary>Registers a meter of unknown model: <paramref name="access"/> only says how to reach it; the profile comes from its object list.</summary>
        public RegistrationResult RegisterUnknown(int address, VendorProfile access) => Register(address, access, true);

        /// <summary>
        /// Tries every address from <paramref name="first"/> to <paramref name="last"/> with <paramref name="access"/>;
        /// silent addresses cost one timeout each. Returns the <see cref="RegistrationResult"/> of every address that answered.
        /// </summary>
        public ArrayList Scan(int first, int last, VendorProfile access, bool autoProfile)
        {
            var found = new ArrayList();
            for (int address = first; address <= last; address++)
            {
                var result = Register(address, access, autoProfile);
                if (result.Status != ReadStatus.NoResponse)
                {
                    found.Add(result);
                }
            }

            return found;
        }

        /// <summary>
        /// Tries every address from <paramref name="first"/> to <paramref name="last"/> against the configured
        /// <paramref name="models"/> in order; the first model whose registers answer is registered. Silence on the
        /// first model ends the address (one timeout per empty address). Returns the result of every address that
        /// answered: registered, or the last model's refusal.
        /// </summary>
        public ArrayList ScanModels(int first, int last, VendorProfile[] models)
        {
            var found = new ArrayList();
            for (int address = first; address <= last; address++)
            {
                RegistrationResult result = null;
                for (int m = 0; m < models.Length; m++)
                {
                    result = Register(address, models[m], false);
                    if (result.Registered || result.Status == ReadStatus.NoResponse)
                    {
                        break;
                    }
                }

                if (result != null && result.Status != ReadStatus.NoResponse)
                {
                    found.Add(result);
                }
            }

            return found;
        }

        private RegistrationResult Register(int address, VendorProfile profile, bool autoProfile)
        {
            _bus.Declare(address, profile);
            string[] mismatch = null;
            var model = profile;
            if (profile.Variants.Length > 0)
            {
                var layout = _variants.Detect(address, profile);
                if (layout != ReadStatus.Ok)
                {
                    return new RegistrationResult(address, layout, "meter does not answer its register map: " + ReadStatusNames.Name(layout));
                }

                profile = _variants.Chosen;
                mismatch = _variants.Mismatch;
            }

            string serial;
            bool synthetic = HasNoSerial(profile);
            var status = synthetic ? ProbeSynthetic(address, profile, out serial) : ReadSerial(address, profile, out serial);
            if (!synthetic && status == ReadStatus.ObjectUndefined && profile.Protocol == MeterProtocol.Modbus)
            {
                // An edition of the model without the serial register (exception 02 there): the rest of its map decides,
                // and the meter is polled without it (it would read "suspect" every day).
                synthetic = true;
                profile = profile.Without(VmrsCatalogue.Find(VmrsCatalogue.DeviceId));
                _bus.Declare(address, profile);
                status = ProbeSynthetic(address, profile, out serial);
            }

            if (status != ReadStatus.Ok)
            {
                return new RegistrationResult(address, status, (synthetic ? "meter does not answer its register map: " : "serial number unreadable: ") + ReadStatusNames.Name(status));
            }

            string firmware = ReadText(address, FirmwareIdentifier) == ReadStatus.Ok ? Text() : null;
            var objects = new ArrayList();
            var listStatus = _bus.ReadObjectList(address, objects);
            int objectCount = listStatus == ReadStatus.Ok ? objects.Count : -1;
            AutoProfileResult auto = null;
            if (autoProfile)
            {
                if (listStatus != ReadStatus.Ok)
                {
                    return new RegistrationResult(address, listStatus, "object list unreadable: " + ReadStatusNames.Name(listStatus));
                }

                auto = new AutoProfiler(_bus).Build(address, profile, ProfileId(serial), objects);
                if (auto.Profile == null)
                {
                    return new RegistrationResult(address, ReadStatus.UnexpectedType, "derived profile is invalid: " + auto.Validated.Errors[0]);
                }

                profile = auto.Profile;
                _bus.Declare(address, profile);
            }

            var meter = new MeterRecord(_bus, address, profile) { Serial = serial, SerialSynthetic = synthetic, Firmware = firmware };
            var replaced = _inventory.Add(meter);
            if (Scheduler != null)
            {
                for (int i = 0; i < replaced.Count; i++)
                {
                    Scheduler.Remove((MeterRecord)replaced[i]);
                }

                Scheduler.Add(meter);
            }

            var registered = new RegistrationEvent();
            registered.MeterAddress = address;
            registered.MeterSerial = serial;
            registered.SerialSynthetic = synthetic;
            registered.Firmware = firmware;
            registered.ProfileId = profile.Id;
            registered.AutoProfiled = autoProfile;
            registered.ObjectCount = objectCount;
            registered.Gaps = Gaps(meter);
            registered.Variant = profile.Variant == null ? null : profile.Variant.Id;
            registered.ImportIncludesExport = profile.Variant != null && profile.Variant.ImportIncludesExport;
            registered.DisabledChecks = profile.ImportOnly && !profile.ChecksReverseEnergy ? new[] { MeteringEvent.Name(MeteringEventKind.ReverseEnergy) } : new string[0];
            registered.MonotonicMs = _mono.NowMs;
            registered.UtcTicks = _gatewayClock == null ? 0 : _gatewayClock.UtcTicksAt(registered.MonotonicMs);
            _sink.OnEvent(registered);
            if (mismatch != null)
            {
                RaiseMismatch(registered, model, mismatch);
            }
            return new RegistrationResult(address, ReadStatus.Ok, null) { Meter = meter, Event = registered, AutoProfile = auto };
        }

        /// <summary>Raises profile_mismatch for a meter of <paramref name="model"/> that fitted none of its layouts.</summary>
        private void RaiseMismatch(RegistrationEvent registered, VendorProfile model, string[] reasons)
        {
            var unmapped = new ArrayList();
            for (int v = 0; v < model.Variants.Length; v++)
            {
                var items = model.Variants[v].Items;
                for (int i = 0; i < items.Length; i++)
                {
                    if (!unmapped.Contains(items[i].Item.Code))
                    {
                        unmapped.Add(items[i].Item.Code);
                    }
                }
            }

            var mismatch = new ProfileMismatchEvent();
            mismatch.MeterAddress = registered.MeterAddress;
            mismatch.MeterSerial = registered.MeterSerial;
            mismatch.MeterName = registered.MeterName;
            mismatch.ProfileId = registered.ProfileId;
            mismatch.Reasons = reasons;
            mismatch.Unmapped = (string[])unmapped.ToArray(typeof(string));
            mismatch.MonotonicMs = registered.MonotonicMs;
            mismatch.UtcTicks = registered.UtcTicks;
            _sink.OnEvent(mismatch);
        }

        /// <summary>A Modbus model whose profile maps no serial register: its datasheet defines none to read.</summary>
        private static bool HasNoSerial(VendorProfile profile) =>
            profile.Protocol == MeterProtocol.Modbus && profile.Find(VmrsCatalogue.Find(VmrsCatalogue.DeviceId)) == null;

        /// <summary>
        /// For a meter without a readable serial: proves the model answers at the address by reading its
        /// import energy register (required by VMRS; the first mapped item otherwise), then stands in
        /// "profile id @ address" for the serial.
        /// </summary>
        private ReadStatus ProbeSynthetic(int address, VendorProfile profile, out string serial)
        {
            serial = null;
            var probe = profile.Find(VmrsCatalogue.Find(VmrsCatalogue.ActiveEnergyImport));
            if (probe == null && profile.Items.Length > 0)
            {
                probe = profile.Items[0];
            }

            if (probe == null)
            {
                return ReadStatus.ObjectUndefined;
            }

            var status = _bus.Read(address, probe.Target, _value);
            if (status == ReadStatus.Ok)
            {
                serial = profile.Id + "@" + address.ToString();
            }

            return status;
        }

        /// <summary>The profile's serial object first, then the catalogue's names; silence ends the attempt.</summary>
        private ReadStatus ReadSerial(int address, VendorProfile profile, out string serial)
        {
            serial = null;
            var item = VmrsCatalogue.Find(VmrsCatalogue.DeviceId);
            var mapped = profile.Find(item);
            var status = ReadStatus.ObjectUndefined;
            for (int n = -2; n < item.AlternateNames.Length; n++)
            {
                byte[] name = n == -2 ? (mapped == null ? null : mapped.Target.LogicalName) : n == -1 ? item.LogicalName : item.AlternateNames[n];
                if (name == null || (n >= -1 && mapped != null && ObisName.Equal(name, mapped.Target.LogicalName)))
                {
                    continue;
                }

                status = ReadText(address, name);
                if (status == ReadStatus.Ok)
                {
                    serial = Text();
                    return serial.Length > 0 ? ReadStatus.Ok : ReadStatus.UnexpectedType;
                }

                if (ReadStatusNames.IsSilence(status))
                {
                    return status;
                }
            }

            return status;
        }

        private ReadStatus ReadText(int address, byte[] logicalName)
        {
            var status = _bus.Read(address, new CosemAttributeRef(DataClass, logicalName, ValueAttribute), _value);
            return status == ReadStatus.Ok && _value.Kind != MeterValueKind.Bytes && _value.Kind != MeterValueKind.Number
                ? ReadStatus.UnexpectedType
                : status;
        }

        private string Text() => _value.Kind == MeterValueKind.Bytes ? _value.BytesAsText() : ((long)_value.Number).ToString();

        private static string[] Gaps(MeterRecord meter)
        {
            int count = 0;
            for (int i = 0; i < meter.Items.Length; i++)
            {
                if (meter.Items[i] == null)
                {
                    count++;
                }
            }

            var gaps = new string[count];
            count = 0;
            for (int i = 0; i < meter.Items.Length; i++)
            {
                if (meter.Items[i] == null)
                {
                    gaps[count++] = VmrsCatalogue.Items[i].Code;
                }
            }

            return gaps;
        }

        /// <summary>"auto-" and the serial, keeping only the characters a profile id allows.</summary>
        private static string ProfileId(string serial)
        {
            var chars = new char[serial.Length];
            int n = 0;
            for (int i = 0; i < serial.Length && n < 59; i++)
            {
                char c = serial[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
                chars[n++] = ok ? c : '_';
            }

            return "auto-" + new string(chars, 0, n);
        }
    }
}
