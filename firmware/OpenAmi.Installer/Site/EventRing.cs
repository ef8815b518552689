using System;

namespace OpenAmi.Installer.Site
{
    /// <summary>
    /// The last <see cref="Capacity"/> gateway events for the page (trips, registrations, faults), oldest overwritten.
    /// Its arrays are allocated once; adding copies three references and never allocates.
    /// </summary>
    public sealed class EventRing
    {
        private readonly DateTime[] _times;
        private readonly string[] _kinds;
        private readonly string[] _details;
        private int _next;

        public EventRing(int capacity)
        {
            Capacity = capacity;
            _times = new DateTime[capacity];
            _kinds = new string[capacity];
            _details = new string[capacity];
        }

        public int Capacity { get; }

        public int Count { get; private set; }

        public void Add(DateTime utc, string kind, string detail)
        {
            lock (_kinds)
            {
                _times[_next] = utc;
                _kinds[_next] = kind;
                _details[_next] = detail;
                _next = (_next + 1) % Capacity;
                Count = Count < Capacity ? Count + 1 : Capacity;
            }
        }

        /// <summary>The <paramref name="age"/>-th newest event (0 = newest).</summary>
        public void Get(int age, out DateTime utc, out string kind, out string detail)
        {
            if (age < 0 || age >= Count)
            {
                throw new ArgumentOutOfRangeException("age");
            }

            lock (_kinds)
            {
                int index = (_next - 1 - age + Capacity * 2) % Capacity;
                utc = _times[index];
                kind = _kinds[index];
                detail = _details[index];
            }
        }
    }
}
