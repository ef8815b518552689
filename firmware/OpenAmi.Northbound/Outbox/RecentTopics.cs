using System.Text;

namespace OpenAmi.Northbound.Outbox
{
    /// <summary>
    /// The topic strings of the outbox's recent records, so a record read back gets the string its append was given
    /// instead of a new one decoded per read: every poll sweep publishes to the same few topics. Stored UTF-8 bytes are
    /// compared with a string's characters in place; a topic with characters beyond ASCII is decoded anew each time.
    /// </summary>
    internal sealed class RecentTopics
    {
        private readonly string[] _topics;
        private int _next;

        public RecentTopics(int capacity)
        {
            _topics = new string[capacity];
        }

        /// <summary>Keeps <paramref name="topic"/> among the recent ones (the oldest makes room).</summary>
        public void Remember(string topic)
        {
            for (int i = 0; i < _topics.Length; i++)
            {
                if (_topics[i] == topic)
                {
                    return;
                }
            }

            _topics[_next] = topic;
            _next = (_next + 1) % _topics.Length;
        }

        /// <summary>The topic whose UTF-8 form is <paramref name="utf8"/>[offset..offset+count), a recent string when one matches.</summary>
        public string Decode(byte[] utf8, int offset, int count)
        {
            for (int i = 0; i < _topics.Length; i++)
            {
                if (Matches(_topics[i], utf8, offset, count))
                {
                    return _topics[i];
                }
            }

            string topic = Encoding.UTF8.GetString(utf8, offset, count);
            Remember(topic);
            return topic;
        }

        private static bool Matches(string topic, byte[] utf8, int offset, int count)
        {
            if (topic == null || topic.Length != count)
            {
                return false;
            }

            for (int i = 0; i < count; i++)
            {
                char c = topic[i];
                if (c >= 0x80 || c != utf8[offset + i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
