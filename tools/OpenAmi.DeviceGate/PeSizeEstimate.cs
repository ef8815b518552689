using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace OpenAmi.DeviceGate;

/// <summary>
/// An estimate of the `.pe` the metadata processor writes: the string table, the IL, the signatures, and one record
/// per metadata row at the record sizes nanoCLR declares (nf-interpreter, src/CLR/Include/nanoCLR_Types.h,
/// sizeOf_CLR_RECORD_*). It is for budgets and trends; the processor's own figure is the truth.
/// </summary>
public static class PeSizeEstimate
{
    private const int HeaderBytes = 128;

    public static int Bytes(PEReader pe, MetadataReader reader, int stringTableBytes)
    {
        var ilBytes = 0;
        foreach (var handle in reader.MethodDefinitions)
        {
            var rva = reader.GetMethodDefinition(handle).RelativeVirtualAddress;
            if (rva != 0)
            {
                ilBytes += pe.GetMethodBody(rva).Size;
            }
        }

        var records =
            (10 * reader.GetTableRowCount(TableIndex.AssemblyRef)) +
            (6 * reader.GetTableRowCount(TableIndex.TypeRef)) +
            (6 * reader.GetTableRowCount(TableIndex.MemberRef)) +
            (27 * reader.GetTableRowCount(TableIndex.TypeDef)) +
            (8 * reader.GetTableRowCount(TableIndex.Field)) +
            (19 * reader.GetTableRowCount(TableIndex.MethodDef)) +
            (2 * reader.GetTableRowCount(TableIndex.TypeSpec));

        return HeaderBytes + stringTableBytes + ilBytes + reader.GetHeapSize(HeapIndex.Blob) + records;
    }
}
