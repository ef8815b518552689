namespace OpenAmi.Cellular.At
{
    /// <summary>The final result code that ends a command (ITU-T V.250 section 5.7.1; 3GPP TS 27.007 section 9.2).</summary>
    public enum AtFinal
    {
        Ok = 0,
        Error = 1,
        CmeError = 2,
        CmsError = 3,
    }
}
