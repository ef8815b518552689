namespace OpenAmi.Gateway.Scheduling
{
    /// <summary>
    /// Where work goes when its <see cref="HandOffQueue"/> is full: the newest <c>capacity</c> items are kept and the
    /// oldest dropped (counted), since under a flood the last item offered is the one most likely to matter (a
    /// head-end's command after a burst of garbage). One drain step at a time runs one item on the lane, so a flood
    /// costs no scheduler task per item.
    /// </summary>
    public sealed class NewestHandOff
    {
        private readonly object[] _items;
        private readonly Scheduler _scheduler;
        private readonly string _name;
        private readonly Lane _lane;
        private readonly HandOffWork _work;
        private int _head;
        private int _count;
        private bool _drainPending;

        public NewestHandOff(Scheduler scheduler, string name, Lane lane, int capacity, HandOffWork work)
        {
            _items = new object[capacity];
            _scheduler = scheduler;
            _name = name;
            _lane = lane;
            _work = work;
        }

        /// <summary>Items pushed out by newer ones before they could run.</summary>
        public int Dropped { get; private set; }

        /// <summary>Callable from any thread.</summary>
        public void Offer(object item)
        {
            bool post;
            lock (_items)
            {
                if (_count == _items.Length)
                {
                    _items[_head] = null;
                    _head = (_head + 1) % _items.Length;
                    _count--;
                    Dropped++;
                }

                _items[(_head + _count) % _items.Length] = item;
                _count++;
                post = !_drainPending;
                _drainPending = true;
            }

            if (post)
            {
                _scheduler.Post(_name, _lane, Drain);
            }
        }

        private void Drain(long nowMs)
        {
            object next;
            bool more;
            lock (_items)
            {
                next = _items[_head];
                _items[_head] = null;
                _head = (_head + 1) % _items.Length;
                _count--;
                more = _count > 0;
                _drainPending = more;
            }

            // Posted before the work runs, so an item that throws does not strand the rest.
            if (more)
            {
                _scheduler.Post(_name, _lane, Drain);
            }

            _work(next);
        }
    }
}
