namespace OpenAmi.Cellular.At
{
    /// <summary>
    /// Receives unsolicited result codes from <see cref="AtChannel"/>. Called while the channel's lock is held: keep it
    /// short and raise application events later, outside the lock.
    /// </summary>
    public interface IUrcHandler
    {
        /// <summary>
        /// Offered every line that is neither a final result code nor the running command's response. Returns -1 when the
        /// line is not this handler's, 0 when consumed, or N &gt; 0 when the next N bytes on the line are raw data for
        /// <see cref="OnData"/> (SIMCom sends received MQTT topics and payloads that way).
        /// </summary>
        int OnUrc(byte[] line, int count);

        /// <summary>A chunk of the raw data requested by <see cref="OnUrc"/>; the chunks add up to the requested count.</summary>
        void OnData(byte[] buffer, int offset, int count);

        /// <summary>The modem printed a start-up banner (it restarted on its own or after PWRKEY).</summary>
        void OnModemReset();
    }
}
