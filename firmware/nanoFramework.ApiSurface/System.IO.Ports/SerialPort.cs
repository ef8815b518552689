// Upstream: github.com/nanoframework/System.IO.Ports tag v1.1.84 (commit b907e63600d0237a4bb5b84a767b8895cf0abd09),
// System.IO.Ports/{SerialPort,SerialMode,Parity,StopBits}.cs. Only the members the adapters call.
// Device facts from that source: there is no DiscardInBuffer and no InfiniteTimeout constant; ReadTimeout rejects
// values <= 0; Read blocks until count bytes or ReadTimeout and throws TimeoutException when nothing arrived;
// Mode = RS485 drives RTS while sending.
namespace System.IO.Ports
{
    public enum Parity { None = 0, Odd = 1, Even = 2 }

    public enum StopBits { One = 1, Two = 2, OnePointFive = 3 }

    public enum SerialMode { Normal, RS485 }

    public sealed class SerialPort : IDisposable
    {
        public SerialPort(string portName, int baudRate = 9600, Parity parity = Parity.None, int dataBits = 8, StopBits stopBits = StopBits.One) { }
        public void Open() => throw null;
        public void Close() => throw null;
        public int BaudRate { get => throw null; set => throw null; }
        public int DataBits { get => throw null; set => throw null; }
        public Parity Parity { get => throw null; set => throw null; }
        public StopBits StopBits { get => throw null; set => throw null; }
        public SerialMode Mode { get => throw null; set => throw null; }
        public string PortName => throw null;
        public bool IsOpen => throw null;
        public int ReadTimeout { get => throw null; set => throw null; }
        public int WriteTimeout { get => throw null; set => throw null; }
        public int BytesToRead => throw null;
        public int Read(byte[] buffer, int offset, int count) => throw null;
        public void Write(byte[] buffer, int offset, int count) => throw null;
        public void Dispose() => throw null;
    }
}
