namespace OpenAmi.Emulator.Sts;

/// <summary>TID: minutes since the key's base date, 24 bits (IEC 62055-41; base dates 1993, 2014, 2035).</summary>
public static class StsTokenIdentifier
{
    public static readonly DateTime BaseDate1993 = new(1993, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
    public static readonly DateTime BaseDate2014 = new(2014, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
    public static readonly DateTime BaseDate2035 = new(2035, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    public const int Max = 0xFFFFFF;

    public static int FromTime(DateTime issued, DateTime baseDate)
    {
        var minutes = (long)(issued - baseDate).TotalMinutes;
        if (minutes is < 0 or > Max)
        {
            throw new ArgumentOutOfRangeException(nameof(issued), "time outside the 24-bit TID range of this base date");
        }

        return (int)minutes;
    }

    public static DateTime ToTime(int tid, DateTime baseDate) => baseDate.AddMinutes(tid);
}
