using OpenAmi.Northbound.Mqtt;

namespace OpenAmi.Northbound.Outbox
{
    /// <summary>
    /// Moves outbox records to the broker in sequence order as QoS 1 PUBLISHes, at most <c>window</c> in flight,
    /// and releases them only when PUBACKed (the released watermark advances over the contiguous acknowledged
    /// prefix, so order on storage is kept). After a reconnect, <see cref="Resume"/> re-sends the unacknowledged
    /// ones with DUP and their original packet identifiers (MQTT 3.1.1 section 4.4). Thread-safe: PUBACKs arrive
    /// on the link's thread.
    /// </summary>
    public sealed class OutboxPublisher
    {
        private readonly object _sync = new object();
        private readonly Outbox _outbox;
        private readonly IMqttLink _link;
        private readonly long[] _sequences;
        private readonly int[] _packetIds;
        private readonly bool[] _acknowledged;
        private readonly OutboxRecord _record = new OutboxRecord();
        private int _inFlight;
        private long _lastSent;
        private int _nextPacketId = 1;

        public OutboxPublisher(Outbox outbox, IMqttLink link, int window)
        {
            _outbox = outbox;
            _link = link;
            _sequences = new long[window];
            _packetIds = new int[window];
            _acknowledged = new bool[window];
            _lastSent = outbox.ReleasedThrough;

            // Before a reboot up to a window of records past the watermark may have been published unacknowledged.
            outbox.MarkSent(outbox.ReleasedThrough + window);
            link.PublishAcknowledged += OnAcknowledged;
        }

        /// <summary>Sends records not yet sent while the window and the link allow.</summary>
        public void Pump()
        {
            lock (_sync)
            {
                while (_link.IsConnected && _inFlight < _sequences.Length && _outbox.ReadNext(_lastSent, _record))
                {
                    int slot = _inFlight++;
                    _sequences[slot] = _record.Sequence;
                    _packetIds[slot] = NextPacketId();
                    _acknowledged[slot] = false;
                    _lastSent = _record.Sequence;
                    _outbox.MarkSent(_lastSent);
                    if (!TrySend(slot, false))
                    {
                        return;
                    }
                }
            }
        }

        /// <summary>After CONNACK: re-send everything unacknowledged (DUP=1), then continue.</summary>
        public void Resume()
        {
            lock (_sync)
            {
                for (int slot = 0; slot < _inFlight; slot++)
                {
                    if (_acknowledged[slot])
                    {
                        continue;
                    }

                    if (!_outbox.ReadNext(_sequences[slot] - 1, _record) || _record.Sequence != _sequences[slot])
                    {
                        // Evicted while in flight: nothing left to send; the data_gap event accounts for it.
                        _acknowledged[slot] = true;
                        continue;
                    }

                    if (!TrySend(slot, true))
                    {
                        return;
                    }
                }

                ReleaseAcknowledgedPrefix();
            }

            Pump();
        }

        /// <summary>A publish outside the outbox (birth, offline) that shares the packet identifier space.</summary>
        public void PublishDirect(string topic, byte[] payload, int offset, int count, bool retain)
        {
            lock (_sync)
            {
                _link.Publish(topic, payload, offset, count, 1, retain, NextPacketId(), false);
            }
        }

        /// <summary>A packet identifier for a QoS 1 publish whose PUBACK the caller tracks itself (gap reports).</summary>
        internal int TakePacketId()
        {
            lock (_sync)
            {
                return NextPacketId();
            }
        }

        /// <summary>A tracked publish outside the outbox: serialised with the outbox's publishes on the one link.</summary>
        internal void PublishTracked(string topic, byte[] payload, int offset, int count, int packetId, bool duplicate)
        {
            lock (_sync)
            {
                _link.Publish(topic, payload, offset, count, 1, false, packetId, duplicate);
            }
        }

        private void OnAcknowledged(int packetId)
        {
            lock (_sync)
            {
                for (int slot = 0; slot < _inFlight; slot++)
                {
                    if (_packetIds[slot] == packetId)
                    {
                        _acknowledged[slot] = true;
                        break;
                    }
                }

                ReleaseAcknowledgedPrefix();
            }
        }

        private void ReleaseAcknowledgedPrefix()
        {
            int done = 0;
            while (done < _inFlight && _acknowledged[done])
            {
                done++;
            }

            if (done == 0)
            {
                return;
            }

            _outbox.ReleaseThrough(_sequences[done - 1]);
            for (int i = done; i < _inFlight; i++)
            {
                _sequences[i - done] = _sequences[i];
                _packetIds[i - done] = _packetIds[i];
                _acknowledged[i - done] = _acknowledged[i];
            }

            _inFlight -= done;
        }

        private bool TrySend(int slot, bool duplicate)
        {
            try
            {
                _link.Publish(_record.Topic, _record.Payload, 0, _record.PayloadLength, 1, false, _packetIds[slot], duplicate);
                return true;
            }
            catch (NorthboundException)
            {
                // The link dropped; Resume() re-sends this slot after the reconnect.
                return false;
            }
        }

        private int NextPacketId()
        {
            int id = _nextPacketId;
            _nextPacketId = id == 0xFFFF ? 1 : id + 1;
            return id;
        }
    }
}
