namespace OpenAmi.Json
{
    /// <summary>
    /// Integer and Number are separate so integers round-trip exactly as long and are written without ".0".
    /// </summary>
    public enum JsonKind
    {
        Null = 0,
        Boolean = 1,
        Integer = 2,
        Number = 3,
        String = 4,
        Array = 5,
        Object = 6,
    }
}
