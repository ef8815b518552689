namespace OpenAmi.Cellular.Fallback
{
    /// <summary>Hysteresis of the Wi-Fi/cellular choice.</summary>
    public sealed class FallbackOptions
    {
        /// <summary>Wi-Fi must stay usable this long, while on cellular, before the link moves back to it.</summary>
        public int PrimaryStableMs { get; set; } = 120000;

        /// <summary>After a failed Wi-Fi connect, Wi-Fi is not tried again for this long (cellular is used).</summary>
        public int PrimaryRetryMs { get; set; } = 300000;
    }
}
