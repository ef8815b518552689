namespace OpenAmi.Gateway.Scheduling
{
    /// <summary>Runs one item handed over by <see cref="HandOffQueue.Offer"/>, on the queue's lane.</summary>
    public delegate void HandOffWork(object item);

    /// <summary>
    /// Work handed from another thread (an MQTT callback, the safety thread, a keypad interrupt) to one lane of the
    /// <see cref="Scheduler"/>: the offering thread holds the lock only to enqueue, never while the work runs, and each
    /// offer posts one step that runs one item. Bounded: a flood beyond the capacity is refused and counted.
    /// </summary>
    public sealed class HandOffQueue
    {
        private readonly System.Collections.Queue _items = new System.Collections.Queue();
        private readonly Scheduler _scheduler;
        private readonly string _name;
        private readonly Lane _lane;
        private readonly int _capacity;
        private readonly HandOffWork _work;

        public HandOffQueue(Scheduler scheduler, string name, Lane lane, int capacity, HandOffWork work)
        {
            _scheduler = scheduler;
            _name = name;
            _lane = lane;
            _capacity = capacity;
            _work = work;
        }

        /// <summary>Items refused because the queue was full.</summary>
        public int Dropped { get; private set; }

        /// <summary>Callable from any thread; false (and counted) when the queue is full.</summary>
        public bool Offer(object item)
        {
            lock (_items)
            {
                if (_items.Count >= _capacity)
                {
                    Dropped++;
                    return false;
                }

                _items.Enqueue(item);
            }

            _scheduler.Post(_name, _lane, RunOne);
            return true;
        }

        private void RunOne(long nowMs)
        {
            object next;
            lock (_items)
            {
                if (_items.Count == 0)
                {
                    return;
                }

                next = _items.Dequeue();
            }

            _work(next);
        }
    }
}
