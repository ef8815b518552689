using System.Collections;
using OpenAmi.Dlms;
using OpenAmi.Dlms.Axdr;
using OpenAmi.Dlms.Cosem;
using OpenAmi.Json;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Vmrs;

namespace OpenAmi.Metering.AutoProfile
{
    /// <summary>
    /// Builds a vendor profile for an unknown DLMS meter from the meter itself: its association object list
    /// (class 15 attribute 2) says which VMRS objects exist under the catalogue's logical names (alternates
    /// included) and classes; their scaler_unit (attribute 3, one GET-with-list when the reader can batch)
    /// says how to scale them. The result is written in the vendor-profile JSON format and read back through
    /// <see cref="ProfileReader"/>, so a profile that comes out is one the gateway accepts. Profile generic (class 7)
    /// objects in the list, when the reader can hand over structures (<see cref="IDataMeterReader"/>), have their
    /// capture_objects and capture_period read: one that captures the clock's time and at least one of the registers
    /// found is proposed under "profiles", a load profile when it captures more often than daily, billing otherwise.
    /// </summary>
    public sealed class AutoProfiler
    {
        private const int ScalerUnitAttribute = 3;
        private const long SecondsPerDay = 86400;

        /// <summary>COSEM logical device name (class 1): its first three characters are the manufacturer's FLAG id.</summary>
        private static readonly byte[] LogicalDeviceName = ObisName.Parse("0-0:42.0.0*255");

        private readonly IMeterReader _reader;
        private readonly MeterValue _value = new MeterValue();

        public AutoProfiler(IMeterReader reader)
        {
            _reader = reader;
        }

        /// <summary>Reads the object list and profiles the meter at <paramref name="address"/>, reached with <paramref name="access"/>.</summary>
        public AutoProfileResult Build(int address, VendorProfile access, string id)
        {
            var objects = new ArrayList();
            var status = _reader.ReadObjectList(address, objects);
            if (status != ReadStatus.Ok)
            {
                return new AutoProfileResult(status, null, null, new ArrayList(), 0);
            }

            return Build(address, access, id, objects);
        }

        /// <summary>Profiles the meter from an object list already read (registration reads it once).</summary>
        public AutoProfileResult Build(int address, VendorProfile access, string id, ArrayList objects)
        {
            var items = VmrsCatalogue.Items;
            var found = new CosemObjectInfo[items.Length];
            var gaps = new ArrayList();
            for (int i = 0; i < items.Length; i++)
            {
                string reason;
                found[i] = Match(items[i], objects, out reason);
                if (found[i] == null)
                {
                    gaps.Add(new ProfileGap(items[i], reason));
                }
            }

            var scalers = ReadScalers(address, items, found, gaps);
            var profiles = ProposeProfiles(address, objects, found);
            string json = Write(address, access, id, objects.Count, found, scalers, profiles, Text(address, objects, LogicalDeviceName));
            var validated = ProfileReader.Load(json);
            return new AutoProfileResult(ReadStatus.Ok, json, validated, gaps, objects.Count);
        }

        /// <summary>The object behind <paramref name="item"/>, or null with the reason it is a gap.</summary>
        private static CosemObjectInfo Match(VmrsItem item, ArrayList objects, out string reason)
        {
            CosemObjectInfo wrongClass = null;
            for (int n = -1; n < item.AlternateNames.Length; n++)
            {
                byte[] name = n < 0 ? item.LogicalName : item.AlternateNames[n];
                for (int o = 0; o < objects.Count; o++)
                {
                    var info = (CosemObjectInfo)objects[o];
                    if (!ObisName.Equal(info.LogicalName, name))
                    {
                        continue;
                    }

                    if (ClassAccepted(item, info.ClassId))
                    {
                        reason = null;
                        return info;
                    }

                    wrongClass = info;
                }
            }

            reason = wrongClass != null
                ? ObisName.Format(wrongClass.LogicalName) + " is class " + wrongClass.ClassId.ToString() + ", VMRS expects class " + item.ClassId.ToString()
                : "not in the association's object list";
            return null;
        }

        /// <summary>
        /// The catalogue class; registers and extended registers (same value/scaler_unit attributes) for
        /// scaled numbers; Data, Register or Extended register for the billing period counter (docs/vmrs.md).
        /// </summary>
        private static bool ClassAccepted(VmrsItem item, int classId)
        {
            if (classId == item.ClassId)
            {
                return true;
            }

            bool register = classId == CosemClass.Register || classId == CosemClass.ExtendedRegister;
            return register && (item.IsScaledNumber || item.Quantity == VmrsQuantity.Counter);
        }

        /// <summary>scaler_unit of every matched register, batched when the reader can; unusable ones become gaps.</summary>
        private int[][] ReadScalers(int address, VmrsItem[] items, CosemObjectInfo[] found, ArrayList gaps)
        {
            var scalers = new int[items.Length][];
            var targets = new CosemAttributeRef[items.Length];
            var indexes = new int[items.Length];
            int count = 0;
            for (int i = 0; i < items.Length; i++)
            {
                var info = found[i];
                if (info != null && (info.ClassId == CosemClass.Register || info.ClassId == CosemClass.ExtendedRegister))
                {
                    targets[count] = new CosemAttributeRef(info.ClassId, info.LogicalName, ScalerUnitAttribute);
                    indexes[count++] = i;
                }
            }

            var values = new MeterValue[count];
            var statuses = new ReadStatus[count];
            for (int k = 0; k < count; k++)
            {
                values[k] = new MeterValue();
            }

            var batch = _reader as IBatchMeterReader;
            var overall = count == 0 ? ReadStatus.Ok
                : batch != null ? batch.ReadMany(address, targets, count, values, statuses)
                : ReadStatus.Ok;
            for (int k = 0; k < count; k++)
            {
                if (batch == null)
                {
                    statuses[k] = _reader.Read(address, targets[k], values[k]);
                }
                else if (overall != ReadStatus.Ok)
                {
                    statuses[k] = overall;
                }

                int i = indexes[k];
                var item = items[i];
                string problem = statuses[k] != ReadStatus.Ok ? "scaler_unit unreadable: " + ReadStatusNames.Name(statuses[k])
                    : values[k].Kind != MeterValueKind.ScalerUnit ? "scaler_unit is not a {scaler, unit} structure"
                    : item.IsScaledNumber && UnitCodes.FactorToVmrs(values[k].UnitCode, item.Unit) == 0
                        ? "unit \"" + Units.Symbol(values[k].UnitCode) + "\" (" + values[k].UnitCode.ToString() + ") cannot express " + item.Unit
                        : null;
                if (problem != null)
                {
                    found[i] = null;
                    gaps.Add(new ProfileGap(item, problem));
                    continue;
                }

                scalers[i] = new[] { values[k].Scaler, values[k].UnitCode };
            }

            SortByCatalogue(gaps);
            return scalers;
        }

        /// <summary>
        /// The class 7 objects worth mapping, each with the matched registers it captures. Objects whose description cannot be read are left out (the profile still works
        /// without them; live polling does not need them).
        /// </summary>
        private ArrayList ProposeProfiles(int address, ArrayList objects, CosemObjectInfo[] found)
        {
            var proposals = new ArrayList();
            var data = _reader as IDataMeterReader;
            for (int o = 0; data != null && o < objects.Count; o++)
            {
                var info = (CosemObjectInfo)objects[o];
                if (info.ClassId != CosemClass.ProfileGeneric)
                {
                    continue;
                }

                DataValue value;
                if (data.ReadData(address, new CosemAttributeRef(info.ClassId, info.LogicalName, CosemClass.CaptureObjects), out value) != ReadStatus.Ok
                    || _reader.Read(address, new CosemAttributeRef(info.ClassId, info.LogicalName, CosemClass.CapturePeriod), _value) != ReadStatus.Ok
                    || _value.Kind != MeterValueKind.Number)
                {
                    continue;
                }

                var proposal = Proposal(info, value, (long)_value.Number, found);
                if (proposal != null)
                {
                    proposals.Add(proposal);
                }
            }

            return proposals;
        }

        private static CaptureProfile Proposal(CosemObjectInfo info, DataValue captureObjects, long capturePeriod, CosemObjectInfo[] found)
        {
            CaptureObject[] captured;
            try
            {
                captured = CaptureObject.ListFromData(captureObjects);
            }
            catch (DlmsException)
            {
                return null;
            }

            var description = new ProfileDescription { LogicalName = ObisCode.FromBytes(info.LogicalName, 0), CaptureObjects = captured };
            if (description.ColumnOf(CosemClass.Clock, CosemClass.ClockObject, CosemClass.ClockTime) < 0)
            {
                return null;
            }

            var items = VmrsCatalogue.Items;
            var columns = new ArrayList();
            for (int i = 0; i < items.Length; i++)
            {
                if (found[i] != null && items[i].IsScaledNumber &&
                    description.ColumnOf((ushort)found[i].ClassId, ObisCode.FromBytes(found[i].LogicalName, 0), items[i].Attribute) >= 0)
                {
                    columns.Add(new ProfileItem(items[i], found[i].ClassId, found[i].LogicalName, items[i].Attribute));
                }
            }

            var kind = capturePeriod > 0 && capturePeriod < SecondsPerDay ? CaptureProfileKind.Load : CaptureProfileKind.Billing;
            return columns.Count == 0 ? null : new CaptureProfile(info.LogicalName, kind, (ProfileItem[])columns.ToArray(typeof(ProfileItem)));
        }

        private static string Write(int address, VendorProfile access, string id, int objectCount, CosemObjectInfo[] found, int[][] scalers,
            ArrayList profiles, string deviceName)
        {
            var w = new JsonWriter(1024);
            w.BeginObject();
            w.Property("id", id);
            w.Property("vendor", deviceName != null && deviceName.Length >= 3 ? deviceName.Substring(0, 3) : "unknown");
            w.Property("model", deviceName != null ? deviceName : "unknown");
            w.Property("source", "auto-profile: association object list (" + objectCount.ToString() + " objects) of the meter at address " + address.ToString());
            w.Property("protocol", "dlms");
            w.Name("link");
            w.BeginObject();
            w.Property("medium", ProfileNames.Media[(int)access.Medium]);
            w.Property("baud", access.Baud);
            w.EndObject();
            w.Property("address", address);
            w.Name("dlms");
            w.BeginObject();
            w.Property("client", access.ClientAddress);
            w.Property("logicalDevice", access.LogicalAddress);
            w.Property("authentication", ProfileNames.Authentications[(int)access.Authentication]);
            if (access.SecretRef != null)
            {
                w.Property("secretRef", access.SecretRef);
            }

            w.Property("security", ProfileNames.SecurityPolicies[(int)access.Security]);
            w.EndObject();
            w.Property("clockDeviation", access.InvertedDeviationSign ? "inverted" : "cosem");
            w.Name("items");
            w.BeginObject();
            var items = VmrsCatalogue.Items;
            for (int i = 0; i < items.Length; i++)
            {
                if (found[i] == null)
                {
                    continue;
                }

                w.Name(items[i].Code);
                w.BeginObject();
                w.Property("class", found[i].ClassId);
                w.Property("logicalName", ObisName.Format(found[i].LogicalName));
                w.Property("attribute", items[i].Attribute);
                if (scalers[i] != null)
                {
                    w.Property("scaler", scalers[i][0]);
                    if (items[i].IsScaledNumber)
                    {
                        w.Property("unit", Units.Symbol(scalers[i][1]));
                    }
                }

                w.EndObject();
            }

            w.EndObject();
            WriteProfiles(w, profiles);
            w.EndObject();
            return w.ToString();
        }

        /// <summary>Each column is written empty: it captures the register as the item above maps it, with its scaler and unit.</summary>
        private static void WriteProfiles(JsonWriter w, ArrayList profiles)
        {
            if (profiles.Count == 0)
            {
                return;
            }

            w.Name("profiles");
            w.BeginArray();
            for (int p = 0; p < profiles.Count; p++)
            {
                var proposal = (CaptureProfile)profiles[p];
                w.BeginObject();
                w.Property("logicalName", ObisName.Format(proposal.LogicalName));
                w.Property("kind", ProfileNames.CaptureKinds[(int)proposal.Kind]);
                w.Name("columns");
                w.BeginObject();
                for (int i = 0; i < proposal.Columns.Length; i++)
                {
                    w.Name(proposal.Columns[i].Item.Code);
                    w.BeginObject();
                    w.EndObject();
                }

                w.EndObject();
                w.EndObject();
            }

            w.EndArray();
        }

        /// <summary>A visible-string Data object from the list (e.g. the logical device name), or null.</summary>
        private string Text(int address, ArrayList objects, byte[] name)
        {
            for (int o = 0; o < objects.Count; o++)
            {
                var info = (CosemObjectInfo)objects[o];
                if (info.ClassId == CosemClass.Data && ObisName.Equal(info.LogicalName, name))
                {
                    var status = _reader.Read(address, new CosemAttributeRef(info.ClassId, info.LogicalName, 2), _value);
                    return status == ReadStatus.Ok && _value.Kind == MeterValueKind.Bytes ? _value.BytesAsText() : null;
                }
            }

            return null;
        }

        private static void SortByCatalogue(ArrayList gaps)
        {
            // Insertion sort: a dozen entries at most, and Array.Sort does not exist on the device.
            for (int i = 1; i < gaps.Count; i++)
            {
                var gap = (ProfileGap)gaps[i];
                int at = VmrsCatalogue.IndexOf(gap.Item);
                int j = i - 1;
                while (j >= 0 && VmrsCatalogue.IndexOf(((ProfileGap)gaps[j]).Item) > at)
                {
                    gaps[j + 1] = gaps[j];
                    j--;
                }

                gaps[j + 1] = gap;
            }
        }
    }
}
