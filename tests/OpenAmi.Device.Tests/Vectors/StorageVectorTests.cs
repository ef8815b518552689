using nanoFramework.TestFramework;
using OpenAmi.Device.Tests.Support;
using OpenAmi.Storage.Records;
using OpenAmi.TestVectors;

namespace OpenAmi.Device.Tests.Vectors
{
    /// <summary>CRC-32 and the dual-slot record layout (tests/vectors), on the device.</summary>
    [TestClass]
    public class StorageVectorTests
    {
        [TestMethod]
        public void Crc32MatchesThePublishedCheckValues()
        {
            byte[] check = Ascii.Bytes(Crc32Vectors.CheckInput);
            Assert.AreEqual(Crc32Vectors.CheckValue, Crc32.Compute(check, 0, check.Length));
            byte[] pangram = Ascii.Bytes(Crc32Vectors.Pangram);
            Assert.AreEqual(Crc32Vectors.PangramValue, Crc32.Compute(pangram, 0, pangram.Length));
        }

        [TestMethod]
        public void TheFirstSaveWritesTheDocumentedLayoutToSlotZero()
        {
            var store = new RamFileStore();
            var record = new DualSlotRecordStore(store, "r", 64);
            Assert.AreEqual(-1, record.Load(new byte[64]));
            byte[] payload = Hex.Bytes(StorageVectors.FirstPayload);
            record.Save(payload, 0, payload.Length);

            Assert.AreEqual(1, store.List().Length);
            byte[] slot = store.Contents("r.0");
            Assert.AreEqual(Hex.Of(Hex.Bytes(StorageVectors.FirstSlotFile), 0, slot.Length), Hex.Of(slot, 0, slot.Length));
            Assert.AreEqual(Hex.Bytes(StorageVectors.FirstSlotFile).Length, slot.Length);

            var loaded = new byte[64];
            Assert.AreEqual(payload.Length, new DualSlotRecordStore(store, "r", 64).Load(loaded));
            Assert.AreEqual(StorageVectors.FirstPayload, Hex.Of(loaded, 0, payload.Length));
        }
    }
}
