using System.Collections;

namespace OpenAmi.Metering.Ports
{
    /// <summary>
    /// The metering layer's only way to a meter. One transaction per call; callers serialise calls per bus.
    /// Implementations: the DLMS adapter (over OpenAmi.Dlms), the Modbus adapter, fakes in tests.
    /// </summary>
    public interface IMeterReader
    {
        /// <summary>Reads one attribute into <paramref name="into"/> (cleared first). Never throws for meter-side problems.</summary>
        ReadStatus Read(int meterAddress, CosemAttributeRef target, MeterValue into);

        /// <summary>Writes one attribute (e.g. the clock, class 8 attribute 2).</summary>
        ReadStatus Write(int meterAddress, CosemAttributeRef target, MeterValue value);

        /// <summary>Reads the current association's object list; adds <see cref="CosemObjectInfo"/> entries to <paramref name="into"/>.</summary>
        ReadStatus ReadObjectList(int meterAddress, ArrayList into);
    }
}
