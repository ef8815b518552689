using System;
using System.Collections;
using OpenAmi.Prepaid.Entry;
using OpenAmi.Prepaid.Ports;
using OpenAmi.Storage.Records;

namespace OpenAmi.Prepaid.Sts
{
    /// <summary>
    /// Persists the pending queue and the token memory together (one record, so a token moves from
    /// "pending" to "handled" atomically): version u8 | n u8 | n × pending | m u8 | m × handled.
    /// Pending: meter, digits, request id, account (length-prefixed text) | encoding u8 | source u8 | flags u8
    /// (bit 0 awaiting status, bit 1 delivering).
    /// Handled: meter, digits (text) | status u8.
    /// </summary>
    public static class StsQueueRecord
    {
        public const int MaxPayload = 4096;

        /// <summary>An empty queue and memory: version, n = 0, m = 0.</summary>
        public const int EmptyPayload = 3;

        /// <summary>The record bound of a path that keeps <paramref name="queueCapacity"/> pending and <paramref name="memoryCapacity"/> handled tokens.</summary>
        public static int MaxPayloadFor(int queueCapacity, int memoryCapacity)
        {
            return queueCapacity == 0 && memoryCapacity == 0 ? EmptyPayload : MaxPayload;
        }
        private const int Version = 1;
        private const int AwaitingFlag = 1;
        private const int DeliveringFlag = 2;

        /// <summary>Encodes at <paramref name="offset"/> in <paramref name="buffer"/>; returns the payload's length.</summary>
        public static int Write(ArrayList pending, ArrayList handled, byte[] buffer, int offset)
        {
            var writer = new RecordWriter(buffer, offset);
            writer.WriteByte(Version);
            writer.WriteByte(pending.Count);
            foreach (StsQueueEntry entry in pending)
            {
                writer.WriteText(entry.MeterId);
                writer.WriteText(entry.Digits);
                writer.WriteText(entry.RequestId);
                writer.WriteText(entry.Account);
                writer.WriteByte((int)entry.Encoding);
                writer.WriteByte((int)entry.Source);
                writer.WriteByte((entry.AwaitingStatus ? AwaitingFlag : 0) | (entry.Delivering ? DeliveringFlag : 0));
            }

            writer.WriteByte(handled.Count);
            foreach (StsQueueEntry entry in handled)
            {
                writer.WriteText(entry.MeterId);
                writer.WriteText(entry.Digits);
                writer.WriteByte((int)entry.Status);
            }

            return writer.Position - offset;
        }

        public static void Read(byte[] buffer, int offset, int count, ArrayList pending, ArrayList handled)
        {
            var reader = new RecordReader(buffer, offset, count);
            if (reader.ReadByte() != Version)
            {
                throw new FormatException("STS queue record of another version");
            }

            int n = reader.ReadByte();
            for (int i = 0; i < n; i++)
            {
                var entry = new StsQueueEntry();
                entry.MeterId = reader.ReadText();
                entry.Digits = reader.ReadText();
                entry.RequestId = reader.ReadText();
                entry.Account = reader.ReadText();
                entry.Encoding = (StsTokenEncoding)reader.ReadByte();
                entry.Source = (TokenSource)reader.ReadByte();
                int flags = reader.ReadByte();
                entry.AwaitingStatus = (flags & AwaitingFlag) != 0;
                entry.Delivering = (flags & DeliveringFlag) != 0;
                pending.Add(entry);
            }

            int m = reader.ReadByte();
            for (int i = 0; i < m; i++)
            {
                var entry = new StsQueueEntry();
                entry.MeterId = reader.ReadText();
                entry.Digits = reader.ReadText();
                entry.Status = (TokenDeliveryStatus)reader.ReadByte();
                handled.Add(entry);
            }
        }
    }
}
