namespace OpenAmi.Storage.Ports
{
    /// <summary>
    /// A flat directory of small files (device: LittleFS under I:\, host: a directory). Append must be durable
    /// when it returns (flushed); a power cut may leave any prefix of the appended or written bytes. Names are
    /// plain ASCII file names without separators.
    /// </summary>
    public interface IFileStore
    {
        /// <summary>Every file name in the store, in no particular order.</summary>
        string[] List();

        /// <summary>Length in bytes, or -1 if the file does not exist.</summary>
        int Length(string name);

        /// <summary>Reads up to count bytes from position; returns the number read (0 at the end).</summary>
        int Read(string name, int position, byte[] buffer, int offset, int count);

        /// <summary>Appends and flushes, creating the file if needed.</summary>
        void Append(string name, byte[] buffer, int offset, int count);

        /// <summary>Replaces the whole content; throws on I/O failure (not atomic: see <see cref="Records.DualSlotRecordStore"/>).</summary>
        void Write(string name, byte[] buffer, int offset, int count);

        /// <summary>Removes the file; a missing file is not an error.</summary>
        void Delete(string name);
    }
}
