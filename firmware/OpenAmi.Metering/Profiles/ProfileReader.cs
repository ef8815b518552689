using System;
using System.Collections;
using System.Text;
using OpenAmi.Json;

namespace OpenAmi.Metering.Profiles
{
    /// <summary>
    /// Reads a vendor profile from JSON (format in docs/metering.md) and validates all of it, every error with its path
    /// (<see cref="ProfileFields"/>, the JSON path reader's profile reading).
    /// </summary>
    public static class ProfileReader
    {
        /// <summary>
        /// Reads the profile from a <see cref="JsonIndex"/> of the text rather than a tree of nodes: a profile is read
        /// once at boot, and only the values it keeps become strings and objects.
        /// </summary>
        public static ProfileLoadResult Load(string json)
        {
            if (json == null)
            {
                throw new ArgumentNullException(nameof(json));
            }

            byte[] utf8 = Encoding.UTF8.GetBytes(json);
            return Load(utf8, utf8.Length, true, null);
        }

        /// <summary>
        /// Reads and validates a profile as <see cref="Load(string)"/> does, from its UTF-8 text in
        /// <paramref name="utf8"/> (a buffer the caller reuses for the next profile), without the strings only people
        /// read (vendor, model, a variant's evidence) and without the list of the model's gaps (<see cref="ProfileLoadResult.Gaps"/>
        /// is null): the gateway's copy of a profile keeps what it polls with.
        /// </summary>
        public static ProfileLoadResult LoadForGateway(byte[] utf8, int count) => Load(utf8, count, false, null);

        /// <summary>
        /// As <see cref="LoadForGateway(byte[], int)"/>, the text's index recorded into <paramref name="table"/> when it
        /// holds <see cref="JsonIndex.TableLength"/> ints: one table, like one text buffer, then serves every profile read at boot.
        /// </summary>
        public static ProfileLoadResult LoadForGateway(byte[] utf8, int count, int[] table) => Load(utf8, count, false, table);

        private static ProfileLoadResult Load(byte[] utf8, int count, bool keepDescriptions, int[] table)
        {
            JsonIndex document;
            try
            {
                document = JsonIndex.Parse(utf8, 0, count, JsonLimits.Default, table);
            }
            catch (JsonException e)
            {
                var errors = new ArrayList();
                errors.Add(new ProfileError("$", "not valid JSON: " + e.Message));
                return new ProfileLoadResult(null, errors, new ArrayList());
            }

            return new ProfileFields(document, keepDescriptions).Read(document.Root);
        }
    }
}
