namespace OpenAmi.Cellular.Fallback
{
    /// <summary>Which inner link carries the session.</summary>
    public enum LinkRoute
    {
        None = 0,
        Primary = 1,
        Secondary = 2,
    }
}
