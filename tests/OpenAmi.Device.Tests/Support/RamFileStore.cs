using System;
using System.Collections;
using OpenAmi.Storage.Ports;

namespace OpenAmi.Device.Tests.Support
{
    /// <summary>A file store in RAM, so the record tests on the board never touch its flash.</summary>
    public sealed class RamFileStore : IFileStore
    {
        private readonly Hashtable _files = new Hashtable();

        public byte[] Contents(string name) => (byte[])_files[name];

        public string[] List()
        {
            var names = new string[_files.Count];
            _files.Keys.CopyTo(names, 0);
            return names;
        }

        public int Length(string name) => _files.Contains(name) ? Contents(name).Length : -1;

        public int Read(string name, int position, byte[] buffer, int offset, int count)
        {
            byte[] data = Contents(name);
            int available = data.Length - position;
            int n = count < available ? count : available;
            if (n <= 0)
            {
                return 0;
            }

            Array.Copy(data, position, buffer, offset, n);
            return n;
        }

        public void Append(string name, byte[] buffer, int offset, int count)
        {
            byte[] old = _files.Contains(name) ? Contents(name) : new byte[0];
            var grown = new byte[old.Length + count];
            Array.Copy(old, grown, old.Length);
            Array.Copy(buffer, offset, grown, old.Length, count);
            _files[name] = grown;
        }

        public void Write(string name, byte[] buffer, int offset, int count)
        {
            var data = new byte[count];
            Array.Copy(buffer, offset, data, 0, count);
            _files[name] = data;
        }

        public void Delete(string name) => _files.Remove(name);
    }
}
