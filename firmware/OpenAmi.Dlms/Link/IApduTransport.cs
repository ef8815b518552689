namespace OpenAmi.Dlms.Link
{
    /// <summary>
    /// Carries whole APDUs between the client and one meter: HDLC on a serial line or optical head
    /// (<see cref="Hdlc.HdlcClientLink"/>), or the IEC 62056-47 wrapper on a TCP connection (<see cref="WrapperClientLink"/>).
    /// </summary>
    public interface IApduTransport
    {
        /// <summary>Opens the data link (SNRM/UA for HDLC; nothing for the wrapper, whose link is the TCP connection).</summary>
        void Connect();

        /// <summary>Closes the data link; the transport counts as closed even when the meter stays silent.</summary>
        void Disconnect();

        /// <summary>
        /// Sends the APDU at request[offset .. offset + count) and returns the length of the answer APDU written at
        /// response[responseOffset]. The <see cref="WrapperCodec.HeaderLength"/> bytes before offset are the
        /// transport's to overwrite with its header.
        /// </summary>
        int Exchange(byte[] request, int offset, int count, byte[] response, int responseOffset);
    }
}
