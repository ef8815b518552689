using System;
using System.Collections;
using OpenAmi.Gateway.Scheduling;
using OpenAmi.Json;
using OpenAmi.Northbound.Commands;
using OpenAmi.Northbound.Mqtt;
using OpenAmi.Northbound.Ports;

namespace OpenAmi.Gateway.App
{
    /// <summary>
    /// Head-end commands: a PUBLISH on a command topic arrives on the MQTT link's own thread and is only queued;
    /// the command lane of the scheduler authenticates and runs it (<see cref="CommandProcessor"/>), so a command
    /// never races the poller on a bus. Each command type is executed by the handler registered for it;
    /// "reconnect" goes only to the supply policy (Safety decides).
    /// </summary>
    public sealed class CommandWiring : ICommandHandler
    {
        /// <summary>Commands waiting for the lane; beyond this they wait to be refused "busy" (<see cref="MaxRefused"/>).</summary>
        private const int MaxQueued = 16;

        /// <summary>The newest commands that found the queue full, checked and, if authentic, refused "busy"; older ones are dropped.</summary>
        private const int MaxRefused = 16;

        /// <summary>
        /// A command is a few hundred bytes; a larger payload is not copied (so not allocated) and is rejected
        /// as malformed. Below the JSON reader's own 16 KiB limit.
        /// </summary>
        public const int MaxCommandBytes = 4096;

        private static readonly byte[] Oversized = new byte[0];

        private readonly Hashtable _handlers = new Hashtable();
        private readonly HandOffQueue _received;
        private readonly NewestHandOff _refused;
        private readonly CommandProcessor _processor;

        public CommandWiring(NorthboundWiring northbound, GatewayPorts ports, ISupplyPolicy supply, Scheduler scheduler)
        {
            _received = new HandOffQueue(scheduler, "command", Lane.Command, MaxQueued, RunOne);
            _refused = new NewestHandOff(scheduler, "command busy", Lane.Command, MaxRefused, RefuseOne);
            _processor = new CommandProcessor(northbound.Topics, ports.CommandKey, ports.WallClock, new ReplayGuard(ports.StateStore), supply, this, northbound.Uplink);
            ports.Mqtt.MessageReceived += OnMessage;
        }

        /// <summary>Commands dropped unanswered: the queue was full and newer ones took their place among those to refuse "busy".</summary>
        public int Dropped => _refused.Dropped;

        /// <summary>Rejections left unacknowledged by the rate limit (docs/northbound.md, "Commands").</summary>
        public long RejectionsSuppressed => _processor.RejectionsSuppressed;

        /// <summary>Commands taken from the MQTT link so far (counted once queued on the lane, or dropped).</summary>
        public int Taken { get; private set; }

        /// <summary>The id of the command a handler is executing (null outside a handler).</summary>
        public string CurrentCommandId => _processor.CurrentId;

        /// <summary>For the handler running now: the count its final ack carries (<see cref="CommandProcessor.ReportCount"/>).</summary>
        public void ReportCount(long count) => _processor.ReportCount(count);

        /// <summary>Registers the executor of one command type (CommandTypes.*); a type with none is answered "not_supported".</summary>
        public void Register(string commandType, ICommandHandler handler)
        {
            _handlers[commandType] = handler ?? throw new ArgumentNullException(nameof(handler));
        }

        public string Execute(string meterSerial, string commandType, JsonNode parameters)
        {
            var handler = (ICommandHandler)_handlers[commandType];
            return handler == null ? "not_supported" : handler.Execute(meterSerial, commandType, parameters);
        }

        private void OnMessage(string topic, byte[] payload, int offset, int count)
        {
            // The link may reuse its buffer after the event: keep a copy for the lane.
            byte[] copy = Oversized;
            if (count <= MaxCommandBytes)
            {
                copy = new byte[count];
                Array.Copy(payload, offset, copy, 0, count);
            }

            var message = new MqttMessage(topic, copy);
            if (!_received.Offer(message))
            {
                _refused.Offer(message);
            }

            Taken++;
        }

        private void RefuseOne(object item)
        {
            var next = (MqttMessage)item;
            _processor.RefuseBusy(next.Topic, next.Payload, 0, next.Payload.Length);
        }

        private void RunOne(object item)
        {
            var next = (MqttMessage)item;
            _processor.Handle(next.Topic, next.Payload, 0, next.Payload.Length);
        }
    }
}
