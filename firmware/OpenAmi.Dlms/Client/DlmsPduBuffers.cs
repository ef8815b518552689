using System;

namespace OpenAmi.Dlms.Client
{
    /// <summary>
    /// The request and answer buffers of DLMS clients that never exchange at the same time: the meters of one bus (one
    /// association open at a time), and the buses of one time-shared UART. Each client keeps only its association state
    /// and reserves what it needs here; a buffer grows when a client needs more (a larger proposed PDU, or a meter that
    /// negotiates a larger one) and never shrinks. Nothing is kept in them from one exchange to the next.
    /// </summary>
    public sealed class DlmsPduBuffers
    {
        public DlmsPduBuffers()
        {
            Tx = new byte[0];
            Rx = new byte[0];
        }

        /// <summary>Bytes the request buffer holds (the transport's headroom included).</summary>
        public int TxCapacity => Tx.Length;

        /// <summary>Bytes the answer buffer holds.</summary>
        public int RxCapacity => Rx.Length;

        internal byte[] Tx { get; private set; }

        internal byte[] Rx { get; private set; }

        /// <summary>Grows the buffers to at least these lengths; the old ones are dropped, since no exchange is under way.</summary>
        internal void Reserve(int tx, int rx)
        {
            if (Tx.Length < tx)
            {
                Tx = new byte[tx];
            }

            if (Rx.Length < rx)
            {
                Rx = new byte[rx];
            }
        }
    }
}
