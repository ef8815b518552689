using System.Text;
using OpenAmi.Storage.Log;

namespace OpenAmi.Storage.Tests.Log;

/// <summary>
/// Expectations are hand-counted from the class contract (one UTF-8 line per entry ending in '\n', whole oldest lines
/// dropped to stay within the size, lines cut to a quarter of it): e.g. "step 00\n" is 8 bytes, so a 256-byte log holds
/// exactly 32 of them.
/// </summary>
public class BootLogTests
{
    private const string Name = "boot.log";

    private static string Text(MemoryFileStore store) => Encoding.UTF8.GetString(store.Files[Name]);

    /// <summary>A 256-byte log filled to the byte with "step 00" … "step 31".</summary>
    private static BootLog Full(MemoryFileStore store)
    {
        var log = new BootLog(store, Name, 256);
        for (int i = 0; i < 32; i++)
        {
            log.Write("step " + i.ToString("D2"));
        }

        return log;
    }

    [Fact]
    public void LinesAreAppendedInOrder()
    {
        var store = new MemoryFileStore();
        var log = new BootLog(store, Name, 256);
        log.Write("boot");
        log.Write("configuration rejected:\nI:\\gateway.json $.feederId: missing\n");
        Assert.Equal("boot\nconfiguration rejected:\nI:\\gateway.json $.feederId: missing\n", Text(store));
    }

    [Fact]
    public void EarlierBootsAreKeptAcrossRestarts()
    {
        var store = new MemoryFileStore();
        new BootLog(store, Name, 256).Write("first boot");
        new BootLog(store, Name, 256).Write("second boot");
        Assert.Equal("first boot\nsecond boot\n", Text(store));
    }

    [Fact]
    public void TheOldestWholeLinesAreDroppedAtTheLimit()
    {
        var store = new MemoryFileStore();
        var log = Full(store);

        Assert.Equal(256, store.Files[Name].Length);
        Assert.StartsWith("step 00\n", Text(store));

        // 8 more bytes: exactly "step 00\n" goes.
        log.Write("step 32");
        Assert.Equal(256, store.Files[Name].Length);
        Assert.StartsWith("step 01\n", Text(store));
        Assert.EndsWith("step 31\nstep 32\n", Text(store));

        // A 20-byte line needs three 8-byte lines out (24 bytes): the file shrinks to 252.
        log.Write("a twenty-byte line.");
        Assert.Equal(252, store.Files[Name].Length);
        Assert.StartsWith("step 04\n", Text(store));
        Assert.EndsWith("step 32\na twenty-byte line.\n", Text(store));
    }

    [Fact]
    public void AThousandLinesNeverExceedTheSize()
    {
        var store = new MemoryFileStore();
        var log = new BootLog(store, Name, 300);
        for (int i = 0; i < 1000; i++)
        {
            log.Write(new string('x', i % 90) + " #" + i.ToString());
            Assert.InRange(store.Files[Name].Length, 1, 300);
        }

        Assert.EndsWith(" #999\n", Text(store));
        Assert.DoesNotContain(" #0\n", Text(store));
    }

    [Fact]
    public void ALongLineIsCutToAQuarterOnACharacterBoundary()
    {
        var store = new MemoryFileStore();
        var log = new BootLog(store, Name, 256);

        // "é" is two UTF-8 bytes (C3 A9): 63 bytes are left for the text, so 31 characters (62 bytes) fit, not 31.5.
        log.Write(new string('é', 100));
        Assert.Equal(new string('é', 31) + "\n", Text(store));
        Assert.Equal(63, store.Files[Name].Length);
    }

    [Fact]
    public void EmptyTextWritesNothing()
    {
        var store = new MemoryFileStore();
        var log = new BootLog(store, Name, 256);
        log.Write("");
        log.Write("\n\n");
        log.Write(null!);
        Assert.Equal(-1, store.Length(Name));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(255)]
    public void ASizeBelowTheMinimumIsATypedError(int size)
    {
        var error = Assert.Throws<BootLogException>(() => new BootLog(new MemoryFileStore(), Name, size));
        Assert.Contains("below 256 bytes", error.Message);
    }

    [Fact]
    public void AMissingStoreOrNameIsATypedError()
    {
        Assert.Throws<BootLogException>(() => new BootLog(null!, Name, 256));
        Assert.Throws<BootLogException>(() => new BootLog(new MemoryFileStore(), "", 256));
    }

    [Fact]
    public void AFailingStoreIsATypedErrorAndTheLogStaysUsable()
    {
        var store = new MemoryFileStore();
        var log = Full(store);

        // The next line forces a rewrite, which fails.
        store.FailWrites = true;
        var error = Assert.Throws<BootLogException>(() => log.Write("step 32"));
        Assert.Contains("flash write failed", error.Message);
        Assert.IsType<IOException>(error.InnerException);

        store.FailWrites = false;
        log.Write("step 33");
        Assert.EndsWith("step 31\nstep 33\n", Text(store));
    }
}
