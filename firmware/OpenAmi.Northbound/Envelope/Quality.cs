namespace OpenAmi.Northbound.Envelope
{
    /// <summary>Register quality of the northbound profile v0.1 (payloadEnvelope.registersItem.quality).</summary>
    public enum Quality
    {
        Good = 0,
        Suspect = 1,
        CommsLost = 2,
    }

    public static class QualityNames
    {
        /// <summary>The wire names; enum ToString() gives numbers on the device.</summary>
        public static string Of(Quality quality)
        {
            switch (quality)
            {
                case Quality.Good: return "good";
                case Quality.Suspect: return "suspect";
                default: return "comms_lost";
            }
        }
    }
}
