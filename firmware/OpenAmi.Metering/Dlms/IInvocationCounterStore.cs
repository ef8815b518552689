namespace OpenAmi.Metering.Dlms
{
    /// <summary>
    /// Keeps each DLMS meter's next client invocation counter across associations and restarts. A meter refuses
    /// every counter value it has already seen, so a gateway that started from 0 again after a reboot would be
    /// locked out of its ciphered meters. The device adapter keeps the values in flash.
    /// </summary>
    public interface IInvocationCounterStore
    {
        /// <summary>The stored next counter of the meter at <paramref name="meterAddress"/>, or 0 when none is stored.</summary>
        uint Load(int meterAddress);

        /// <summary>Stores <paramref name="next"/> as the meter's next counter (a value not yet used).</summary>
        void Save(int meterAddress, uint next);
    }
}
