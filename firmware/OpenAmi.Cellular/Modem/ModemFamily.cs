namespace OpenAmi.Cellular.Modem
{
    /// <summary>
    /// Which SIMCom module is fitted. The MQTT(S) command sets of the two families differ in details the link must follow
    /// (docs/cellular.md, "Module families"): the A76xx connects as MQTT 3.1 unless told otherwise, the SIM7600 has no
    /// such setting.
    /// </summary>
    public enum ModemFamily
    {
        /// <summary>A7670E and the rest of the A76xx series (LTE Cat 1), the module the board carries.</summary>
        A76xx = 0,

        /// <summary>SIM7500/SIM7600 series (LTE Cat 4).</summary>
        Sim7600 = 1,
    }
}
