using System;

namespace OpenAmi.Json
{
    /// <summary>
    /// Malformed JSON, a limit exceeded, or a node of the wrong kind. <see cref="Position"/> is the byte
    /// offset from the start of the parsed text, or -1 when the error is not about a position in a text.
    /// </summary>
    public class JsonException : Exception
    {
        public JsonException(string message, int position)
            : base(position >= 0 ? message + " at byte " + position.ToString() : message)
        {
            Reason = message;
            Position = position;
        }

        public JsonException(string message) : this(message, -1)
        {
        }

        /// <summary>The message without the position suffix.</summary>
        public string Reason { get; }

        public int Position { get; }
    }
}
