using OpenAmi.Dlms;
using OpenAmi.Dlms.Apdu;
using OpenAmi.Dlms.Axdr;
using OpenAmi.Dlms.Cosem;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Dlms;
using OpenAmi.Metering.Ports;

namespace OpenAmi.Metering.Tests.Dlms;

/// <summary>
/// DLMS values and failures as the metering port sees them. Data-access-result numbers are those of the
/// DLMS UA Green Book (IEC 62056-5-3) Data-Access-Result enumeration: 3 read-write-denied, 4 object-undefined,
/// 12 type-unmatched, 1 hardware-fault.
/// </summary>
public class DlmsValuesTests
{
    [Fact]
    public void Scaler_unit_structures_numbers_strings_and_booleans_convert()
    {
        var v = new MeterValue();
        Assert.Equal(ReadStatus.Ok, DlmsValues.ToMeterValue(new ScalerUnit(-1, Units.Volt).ToData(), 3, v));
        Assert.Equal((MeterValueKind.ScalerUnit, -1, 35), (v.Kind, v.Scaler, v.UnitCode));

        Assert.Equal(ReadStatus.Ok, DlmsValues.ToMeterValue(DataValue.FromInteger(DataType.DoubleLongUnsigned, 4294967295), 2, v));
        Assert.Equal((MeterValueKind.Number, 4294967295.0), (v.Kind, v.Number));

        Assert.Equal(ReadStatus.Ok, DlmsValues.ToMeterValue(DataValue.FromString("SB1-000123"), 2, v));
        Assert.Equal("SB1-000123", v.BytesAsText());

        Assert.Equal(ReadStatus.Ok, DlmsValues.ToMeterValue(DataValue.FromBoolean(true), 2, v));
        Assert.True(v.Kind == MeterValueKind.Boolean && v.Flag);

        // A structure is only a scaler_unit when it comes from attribute 3.
        Assert.Equal(ReadStatus.UnexpectedType, DlmsValues.ToMeterValue(new ScalerUnit(0, Units.Watt).ToData(), 2, v));
        Assert.Equal(ReadStatus.UnexpectedType, DlmsValues.ToMeterValue(DataValue.Null, 2, v));
    }

    [Fact]
    public void Only_a_timeout_is_silence_and_refusals_keep_their_meaning()
    {
        Assert.Equal(ReadStatus.NoResponse, DlmsValues.StatusOf(new DlmsException(DlmsErrorCode.Timeout, "t")));
        Assert.Equal(ReadStatus.CorruptResponse, DlmsValues.StatusOf(new DlmsException(DlmsErrorCode.Malformed, "m")));
        Assert.Equal(ReadStatus.CorruptResponse, DlmsValues.StatusOf(new DlmsException(DlmsErrorCode.DecipheringFailed, "d")));
        Assert.Equal(ReadStatus.AccessDenied, DlmsValues.StatusOf(new DlmsException(DlmsErrorCode.AssociationRejected, "a")));
        Assert.Equal(ReadStatus.DeviceError, DlmsValues.StatusOf(new DlmsException(DlmsErrorCode.LinkRefused, "dm")));
        Assert.Equal(ReadStatus.ObjectUndefined, DlmsValues.StatusOf(new DlmsAccessException(DlmsErrorCode.AccessDenied, 4, "u")));
        Assert.Equal(ReadStatus.AccessDenied, DlmsValues.StatusOf(new DlmsAccessException(DlmsErrorCode.AccessDenied, 3, "d")));
        Assert.Equal(ReadStatus.UnexpectedType, DlmsValues.StatusOfAccessResult(12));
        Assert.Equal(ReadStatus.DeviceError, DlmsValues.StatusOfAccessResult(1));
    }

    [Fact]
    public void Clock_bytes_are_written_as_an_octet_string_and_fractions_are_refused()
    {
        var v = new MeterValue();
        var clock = Convert.FromHexString("07E8060F0614172D00FF8880");
        v.SetBytes(clock, 0, clock.Length);
        var data = DlmsValues.FromMeterValue(v);
        Assert.Equal(DataType.OctetString, data.Type);
        Assert.Equal(clock, data.AsBytes());
        v.SetNumber(2.5);
        Assert.Null(DlmsValues.FromMeterValue(v));
    }
}
