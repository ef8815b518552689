using OpenAmi.Metering.Data;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Vmrs;

namespace OpenAmi.Metering.Registration
{
    /// <summary>
    /// Tells a model's register layouts apart on the first reads: a layout fits when every register it maps
    /// answers (an exception on a register the layout lacks refuses it) and, where the layout names a total
    /// register, its import and export add up to that total (the wrong layout reads 0 or unrelated data there).
    /// The first layout that fits wins; when none does the meter keeps only the common items.
    /// </summary>
    public sealed class VariantDetector
    {
        /// <summary>Import, export and total are each rounded to one register step; their sum may be off by two.</summary>
        private const double TotalToleranceSteps = 2;

        private readonly IMeterBus _bus;
        private readonly MeterValue _value = new MeterValue();

        public VariantDetector(IMeterBus bus)
        {
            _bus = bus;
        }

        /// <summary>The profile to register with: the fitting layout's, or the common items when none fits.</summary>
        public VendorProfile Chosen { get; private set; }

        /// <summary>Why each layout was refused, when none fits (null otherwise).</summary>
        public string[] Mismatch { get; private set; }

        /// <summary>Declares and checks each variant of <paramref name="profile"/> at <paramref name="address"/>; silence ends the attempt.</summary>
        public ReadStatus Detect(int address, VendorProfile profile)
        {
            Chosen = null;
            Mismatch = null;
            var reasons = new string[profile.Variants.Length];
            for (int i = 0; i < profile.Variants.Length; i++)
            {
                var candidate = profile.WithVariant(profile.Variants[i]);
                _bus.Declare(address, candidate);
                string reason;
                var status = Check(address, candidate.Variant, out reason);
                if (ReadStatusNames.IsSilence(status))
                {
                    return status;
                }

                if (reason == null)
                {
                    Chosen = candidate;
                    return ReadStatus.Ok;
                }

                reasons[i] = candidate.Variant.Id + ": " + reason;
            }

            Chosen = profile.CommonOnly();
            _bus.Declare(address, Chosen);
            Mismatch = reasons;
            return ReadStatus.Ok;
        }

        /// <summary>Reads the variant's registers; <paramref name="reason"/> is null when they fit.</summary>
        private ReadStatus Check(int address, ProfileVariant variant, out string reason)
        {
            reason = null;
            double energyKWh = 0;
            for (int i = 0; i < variant.Items.Length; i++)
            {
                var item = variant.Items[i];
                var status = _bus.Read(address, item.Target, _value);
                if (status != ReadStatus.Ok)
                {
                    reason = item.Item.Code + " register " + item.Modbus.Register.ToString() + " answers " + ReadStatusNames.Name(status);
                    return status;
                }

                string code = item.Item.Code;
                if (code == VmrsCatalogue.ActiveEnergyImport || code == VmrsCatalogue.ActiveEnergyExport)
                {
                    energyKWh += KWh(item);
                }
            }

            if (variant.Total == null)
            {
                return ReadStatus.Ok;
            }

            var totalStatus = _bus.Read(address, variant.Total.Target, _value);
            if (totalStatus != ReadStatus.Ok)
            {
                reason = "total register " + variant.Total.Modbus.Register.ToString() + " answers " + ReadStatusNames.Name(totalStatus);
                return totalStatus;
            }

            double totalKWh = KWh(variant.Total);
            double tolerance = TotalToleranceSteps * UnitCodes.Scale(1, Exponent(variant.Total));
            if (totalKWh - energyKWh > tolerance || energyKWh - totalKWh > tolerance)
            {
                reason = "import + export = " + energyKWh.ToString() + " kWh but the total register reads " + totalKWh.ToString() + " kWh";
            }

            return ReadStatus.Ok;
        }

        private double KWh(ProfileItem item) => UnitCodes.Scale(_value.Number, Exponent(item));

        private static int Exponent(ProfileItem item) => item.Scaler + UnitCodes.ExponentToVmrs(item.UnitCode, "kWh");
    }
}
