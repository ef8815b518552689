using OpenAmi.Dlms.Cosem;
using OpenAmi.Dlms.Tests.Support;

namespace OpenAmi.Dlms.Tests.Cosem;

public class CosemTests
{
    [Theory]
    [InlineData("1-0:1.8.0*255")]
    [InlineData("1.0.1.8.0.255")]
    [InlineData("1.8.0")]
    [InlineData("1-0:1.8.0")]
    [InlineData(" 1.0.1.8.0.255 ")]
    public void ObisFormsDenoteTheSameCode(string text)
    {
        // IEC 62056-6-1: display form A-B:C.D.E*F; the short C.D.E form implies A=1 (electricity), B=0, F=255.
        var code = ObisCode.Parse(text);
        Assert.Equal(new ObisCode(1, 0, 1, 8, 0, 255), code);
        Assert.Equal("1-0:1.8.0*255", code.ToString());
        Assert.Equal("1.0.1.8.0.255", code.ToDottedString());
        Assert.Equal("0100010800FF", Hex.Of(code.ToBytes()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.0.1.8.0.256")]
    [InlineData("1.0.1.8")]
    [InlineData("1-0:1.8.0*255*1")]
    [InlineData("a.b.c")]
    [InlineData("1:0-1.8.0*255")]
    [InlineData("1..8.0")]
    public void InvalidObisIsATypedError(string text)
    {
        Assert.False(ObisCode.TryParse(text, out _));
        Assert.Equal(DlmsErrorCode.InvalidArgument, Assert.Throws<DlmsException>(() => ObisCode.Parse(text)).Code);
    }

    [Fact]
    public void DateTimeFieldsDeviationAndStatus()
    {
        // u9n/dlms-cosem tests/test_xdlms/test_set.py: clock value 07E5 01 18 FF 0E 30 39 50 FFC4 00
        // = 2021-01-24, day of week unspecified, 14:48:57.80, deviation -60 min, status 00. Deviation is UTC − local
        // as CET meters send it (UtilitechAS/amsreader-firmware frames/austria.raw: FFC4 on a December timestamp).
        var dt = CosemDateTime.Parse(Hex.Bytes("07E50118FF0E303950FFC400"));
        Assert.Equal((2021, 1, 24, 0xFF, 14, 48, 57, 80), (dt.Year, dt.Month, dt.Day, dt.DayOfWeek, dt.Hour, dt.Minute, dt.Second, dt.Hundredths));
        Assert.Equal(-60, dt.Deviation);
        Assert.False(dt.Invalid);
        Assert.True(dt.TryToUtc(out var utc));
        Assert.Equal(new DateTime(2021, 1, 24, 13, 48, 57, 800), utc);
        Assert.Equal("07E50118FF0E303950FFC400", Hex.Of(dt.ToBytes()));
        Assert.Equal("2021-01-24T14:48:57.80-60min status=00", dt.ToString());
    }

    [Fact]
    public void WildcardDateTimeHasNoInstant()
    {
        var dt = CosemDateTime.Parse(Hex.Bytes("FFFF FF FF FF 00 00 00 FF 8000 FF"));
        Assert.False(dt.TryToUtc(out _));
        Assert.Equal(CosemDateTime.DeviationNotSpecified, dt.Deviation);
        Assert.Equal("*-*-*T00:00:00.*", dt.ToString());
    }

    /// <summary>
    /// Issue 18, D2: date-times a hostile or broken meter can send. The first two are the Green Book example above
    /// (07E50118FF0E303950FFC400) with year 0 and year 0x7BE5 = 31717; the third is 9999-12-31 23:59:00 with a
    /// deviation of +720 min, whose UTC lies past the end of the calendar. Each must be "no instant", not an exception.
    /// </summary>
    [Theory]
    [InlineData("000001 18FF0E303950FFC400")]
    [InlineData("7BE501 18FF0E303950FFC400")]
    [InlineData("270F0C1F05173B000002D000")]
    public void DateTimesOutsideTheCalendarHaveNoInstant(string hex)
    {
        var dt = CosemDateTime.Parse(Hex.Bytes(hex));
        Assert.False(dt.TryToUtc(out var utc));
        Assert.Equal(default, utc);
    }

    [Fact]
    public void TheLastMinuteOfTheCalendarStillConverts()
    {
        // 9999-12-31 23:59:00 with deviation -720 (UTC 12 h earlier) lies inside the .NET range.
        var dt = CosemDateTime.Parse(Hex.Bytes("270F0C1F05173B00FFFD3000"));
        Assert.True(dt.TryToUtc(out var utc));
        Assert.Equal(new DateTime(9999, 12, 31, 11, 59, 0), utc);
    }

    [Fact]
    public void ScalerUnitAppliesPowersOfTen()
    {
        Assert.Equal(12.345, new ScalerUnit(-3, Units.WattHour).Apply(12345), 9);
        Assert.Equal(1200, new ScalerUnit(2, Units.Watt).Apply(12));
        Assert.Equal("Wh", Units.Symbol(30));
        Assert.Equal("V", Units.Symbol(35));
        Assert.Equal("A", Units.Symbol(33));
        Assert.Null(Units.Symbol(200));
    }
}
