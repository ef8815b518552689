using System.Collections;

namespace OpenAmi.Installer.Http
{
    /// <summary>
    /// One HTTP request as any server adapter hands it over (the device's listener, the emulator's): method, path
    /// without the query, the headers the API reads, and the body. Header names are compared case-insensitively.
    /// </summary>
    public sealed class InstallerRequest
    {
        private readonly ArrayList _headerNames = new ArrayList();
        private readonly ArrayList _headerValues = new ArrayList();

        public InstallerRequest(string method, string path, byte[] body)
        {
            Method = method;
            Path = path;
            Body = body ?? new byte[0];
        }

        public string Method { get; }

        public string Path { get; }

        public byte[] Body { get; }

        public InstallerRequest WithHeader(string name, string value)
        {
            _headerNames.Add(AsciiLower(name));
            _headerValues.Add(value);
            return this;
        }

        /// <summary>The first value of header <paramref name="name"/>, or null.</summary>
        public string Header(string name)
        {
            string wanted = AsciiLower(name);
            for (int i = 0; i < _headerNames.Count; i++)
            {
                if ((string)_headerNames[i] == wanted)
                {
                    return (string)_headerValues[i];
                }
            }

            return null;
        }

        // The device has no ToLowerInvariant; header names are ASCII (RFC 9110 §5.1).
        private static string AsciiLower(string text)
        {
            char[] chars = text.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                if (chars[i] >= 'A' && chars[i] <= 'Z')
                {
                    chars[i] = (char)(chars[i] + ('a' - 'A'));
                }
            }

            return new string(chars);
        }
    }
}
