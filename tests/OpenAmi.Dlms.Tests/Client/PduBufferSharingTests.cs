using OpenAmi.Dlms.Client;
using OpenAmi.Dlms.Tests.Support;

namespace OpenAmi.Dlms.Tests.Client;

/// <summary>
/// Issue 15: the clients of one bus (one association at a time) and of one time-shared UART hold one set of request
/// and answer buffers instead of a set each. A client's answer buffer holds its proposed client-max-receive-pdu-size
/// (IEC 62056-5-3: the meter sends no APDU longer than that) plus the 32 bytes of a ciphered APDU's header and tag; its
/// request buffer the larger of that PDU and 256 bytes, plus the 8-byte transport header room and the same 32 bytes.
/// </summary>
public class PduBufferSharingTests
{
    private static DlmsClient Client(int maxReceivePdu, DlmsPduBuffers buffers) =>
        new(new NoLink(), new DlmsClientSettings { MaxReceivePduSize = maxReceivePdu }, null, null, buffers);

    [Fact]
    public void A_client_reserves_its_proposed_pdu_in_the_shared_set()
    {
        var buffers = new DlmsPduBuffers();
        Client(512, buffers);

        Assert.Equal(512 + 32, buffers.RxCapacity);
        Assert.Equal(8 + 512 + 32, buffers.TxCapacity);
    }

    [Fact]
    public void A_client_proposing_a_bigger_pdu_grows_the_set_and_a_smaller_one_leaves_it()
    {
        var buffers = new DlmsPduBuffers();
        Client(200, buffers);
        Assert.Equal(200 + 32, buffers.RxCapacity);
        Assert.Equal(8 + 256 + 32, buffers.TxCapacity); // requests keep room for 256 bytes whatever the answer size

        Client(1024, buffers);
        Assert.Equal(1024 + 32, buffers.RxCapacity);
        Assert.Equal(8 + 1024 + 32, buffers.TxCapacity);

        Client(512, buffers);
        Assert.Equal(1024 + 32, buffers.RxCapacity);
    }

    [Fact]
    public void A_second_client_on_the_set_allocates_no_pdu_buffers()
    {
        var buffers = new DlmsPduBuffers();
        Client(1024, buffers);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var second = Client(1024, buffers);
        long shared = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        var own = Client(1024, new DlmsPduBuffers());
        long alone = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(second);
        GC.KeepAlive(own);

        // The two 1 KB buffers (and the empty set object) are what a client on its own set pays on top.
        Assert.InRange(alone - shared, (1024 + 32) + (8 + 1024 + 32), (1024 + 32) + (8 + 1024 + 32) + 256);
    }
}
