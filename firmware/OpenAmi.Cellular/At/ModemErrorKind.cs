namespace OpenAmi.Cellular.At
{
    /// <summary>Why a modem operation failed; mapped to text by <see cref="ModemException"/> (enum names are numbers on the device).</summary>
    public enum ModemErrorKind
    {
        /// <summary>No final result code within the command's time limit.</summary>
        Timeout = 0,

        /// <summary>Final result code ERROR (V.250 section 5.7.1).</summary>
        Error = 1,

        /// <summary>+CME ERROR: &lt;n&gt; (3GPP TS 27.007 section 9.2).</summary>
        CmeError = 2,

        /// <summary>The modem printed its start-up banner: it restarted and every session on it is gone.</summary>
        Reset = 3,

        /// <summary>The modem answered something the dialogue does not allow (no prompt, missing field).</summary>
        Protocol = 4,

        /// <summary>The modem's MQTT stack reported a non-zero &lt;err&gt; (SIMCom MQTT error code).</summary>
        Mqtt = 5,

        /// <summary>No SIM, or the SIM wants a PIN.</summary>
        SimNotReady = 6,

        /// <summary>Not registered on a network (home or roaming).</summary>
        NotRegistered = 7,

        /// <summary>A value that cannot be put on the AT line (quote or control character, out of range).</summary>
        InvalidArgument = 8,

        /// <summary>The modem did not answer AT, even after a PWRKEY power-on.</summary>
        NoResponse = 9,
    }
}
