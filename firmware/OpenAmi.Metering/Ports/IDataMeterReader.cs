using OpenAmi.Dlms.Axdr;
using OpenAmi.Metering.Data;

namespace OpenAmi.Metering.Ports
{
    /// <summary>
    /// A DLMS reader that hands over an attribute as the DLMS library decoded it, for structures <see cref="MeterValue"/>
    /// does not model (a Profile generic's capture_objects, class 115 token_status). Modbus readers do not implement it.
    /// </summary>
    public interface IDataMeterReader
    {
        /// <summary>Reads one attribute; <paramref name="value"/> is null unless the result is <see cref="ReadStatus.Ok"/>.</summary>
        ReadStatus ReadData(int meterAddress, CosemAttributeRef target, out DataValue value);
    }
}
