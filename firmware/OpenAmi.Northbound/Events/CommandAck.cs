using OpenAmi.Json;

namespace OpenAmi.Northbound.Events
{
    /// <summary>Acknowledgement states of a command (event type "command_ack").</summary>
    public static class AckStatus
    {
        public const string Accepted = "accepted";
        public const string Done = "done";
        public const string Rejected = "rejected";
    }

    /// <summary>Reasons a command is rejected before anything is executed.</summary>
    public static class RejectReasons
    {
        public const string Malformed = "malformed";
        public const string UnknownType = "unknown_type";
        public const string BadSignature = "bad_signature";
        public const string Expired = "expired";
        public const string NotYetValid = "not_yet_valid";
        public const string Replayed = "replayed";
        public const string ClockUnsynchronized = "clock_unsynchronized";
        public const string WrongTarget = "wrong_target";

        /// <summary>An authentic command arrived while the command queue was full; send it again.</summary>
        public const string Busy = "busy";
    }

    public static class CommandAck
    {
        /// <summary>Passed as the count of an ack that reports none.</summary>
        public const long NoCount = -1;

        /// <summary>data of a command_ack event; id and type may be null when the command could not be parsed.</summary>
        public static JsonNode Data(string commandId, string commandType, string status, string reason)
        {
            return Data(commandId, commandType, status, reason, NoCount);
        }

        /// <summary>
        /// As <see cref="Data(string, string, string, string)"/>, with what the command produced when it reports a count
        /// (read-profile: the telemetry envelopes it published), or <see cref="NoCount"/>.
        /// </summary>
        public static JsonNode Data(string commandId, string commandType, string status, string reason, long count)
        {
            JsonNode data = JsonNode.NewObject().Set("commandId", commandId).Set("commandType", commandType).Set("status", status);
            if (reason != null)
            {
                data.Set("reason", reason);
            }

            if (count != NoCount)
            {
                data.Set("count", count);
            }

            return data;
        }
    }
}
