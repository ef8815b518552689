namespace OpenAmi.Prepaid.Ports
{
    /// <summary>
    /// Persistent slots for prepaid records (device: two small files per record on the LittleFS at I:\;
    /// emulator: memory or disk). A write may be torn by a power cut: <see cref="Storage.DualSlotRecordStore"/>
    /// never overwrites the slot holding the last good record, so a torn write loses only the new record.
    /// </summary>
    public interface IPrepaidStore
    {
        /// <summary>Copies slot 0 or 1 of record <paramref name="name"/> into <paramref name="buffer"/>; returns its length, or -1 if the slot is empty.</summary>
        int Read(string name, int slot, byte[] buffer);

        /// <summary>Replaces slot 0 or 1 of record <paramref name="name"/> with the given bytes; throws on I/O failure.</summary>
        void Write(string name, int slot, byte[] data, int offset, int count);
    }
}
