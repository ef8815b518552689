using System;
using System.Text;
using OpenAmi.Storage.Ports;

namespace OpenAmi.Storage.Log
{
    /// <summary>
    /// A text log of boot steps and faults in one file of a <see cref="IFileStore"/>, never larger than a fixed size: a
    /// line that would not fit drops the oldest whole lines first. It exists because a Release build has no other log
    /// transport than an attached debugger. Each entry is one UTF-8 line ending in '\n'; text holding '\n' becomes
    /// several lines, and a line longer than a quarter of the file is cut so that one fault cannot evict the others.
    /// Dropping rewrites the file, which is not atomic: a power cut then may lose the log's older part, never a setting.
    /// </summary>
    public sealed class BootLog
    {
        /// <summary>The smallest size that keeps a few useful lines.</summary>
        public const int MinimumBytes = 256;

        private const byte NewLine = (byte)'\n';

        private readonly IFileStore _store;
        private readonly string _name;
        private readonly int _maxBytes;
        private readonly int _maxLineBytes;

        public BootLog(IFileStore store, string name, int maxBytes)
        {
            if (store == null)
            {
                throw new BootLogException("boot log needs a file store");
            }

            if (name == null || name.Length == 0)
            {
                throw new BootLogException("boot log needs a file name");
            }

            if (maxBytes < MinimumBytes)
            {
                throw new BootLogException("boot log size " + maxBytes.ToString() + " is below " + MinimumBytes.ToString() + " bytes");
            }

            _store = store;
            _name = name;
            _maxBytes = maxBytes;
            _maxLineBytes = maxBytes / 4;
        }

        public int MaxBytes
        {
            get { return _maxBytes; }
        }

        /// <summary>Appends each line of text; empty lines are skipped. Throws <see cref="BootLogException"/> when the store fails.</summary>
        public void Write(string text)
        {
            if (text == null)
            {
                return;
            }

            int start = 0;
            while (start <= text.Length)
            {
                int end = text.IndexOf('\n', start);
                if (end < 0)
                {
                    end = text.Length;
                }

                if (end > start)
                {
                    WriteLine(Encode(text.Substring(start, end - start)));
                }

                start = end + 1;
            }
        }

        /// <summary>The line's UTF-8 bytes with its '\n', cut on a character boundary to the line budget.</summary>
        private byte[] Encode(string line)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(line);
            int length = bytes.Length;
            if (length > _maxLineBytes - 1)
            {
                length = _maxLineBytes - 1;

                // Back off continuation bytes (10xxxxxx) so the cut does not split a character.
                while (length > 0 && (bytes[length] & 0xC0) == 0x80)
                {
                    length--;
                }
            }

            byte[] entry = new byte[length + 1];
            Array.Copy(bytes, entry, length);
            entry[length] = NewLine;
            return entry;
        }

        private void WriteLine(byte[] entry)
        {
            int current = _store.Length(_name);
            if (current < 0)
            {
                current = 0;
            }

            try
            {
                if (current + entry.Length <= _maxBytes)
                {
                    _store.Append(_name, entry, 0, entry.Length);
                }
                else
                {
                    DropOldestAndAppend(current, entry);
                }
            }
            catch (Exception ex)
            {
                throw new BootLogException("boot log '" + _name + "' not written: " + ex.Message, ex);
            }
        }

        private void DropOldestAndAppend(int current, byte[] entry)
        {
            byte[] kept = new byte[current + entry.Length];
            int read = 0;
            while (read < current)
            {
                int n = _store.Read(_name, read, kept, read, current - read);
                if (n <= 0)
                {
                    break;
                }

                read += n;
            }

            // Keep the newest whole lines that leave room for the entry: cut just after a '\n'.
            int cut = read + entry.Length - _maxBytes;
            while (cut > 0 && cut < read && kept[cut - 1] != NewLine)
            {
                cut++;
            }

            if (cut < 0)
            {
                cut = 0;
            }

            Array.Copy(entry, 0, kept, read, entry.Length);
            _store.Write(_name, kept, cut, read - cut + entry.Length);
        }
    }
}
