using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Text;

namespace OpenAmi.DeviceGate;

/// <summary>
/// The string table a nanoFramework 1.x `.pe` would carry, counted as its metadata processor builds it: each distinct
/// name of an assembly reference, type reference, member reference, type, field and method, plus every string
/// literal, stored once as UTF-8 with a terminating zero. Offsets into it are 16-bit, so 64 KB is a hard limit.
/// It over-counts slightly: the processor keeps some common names in the interpreter's built-in table instead.
/// </summary>
public static class StringTable
{
    public const int HardLimitBytes = 65_536;
    public const int BudgetBytes = 48 * 1024;

    public static int Bytes(MetadataReader reader)
    {
        var strings = new HashSet<string>(StringComparer.Ordinal) { string.Empty };
        strings.Add(reader.GetString(reader.GetAssemblyDefinition().Name));
        foreach (var handle in reader.AssemblyReferences)
        {
            strings.Add(reader.GetString(reader.GetAssemblyReference(handle).Name));
        }

        foreach (var handle in reader.TypeReferences)
        {
            var type = reader.GetTypeReference(handle);
            strings.Add(reader.GetString(type.Namespace));
            strings.Add(reader.GetString(type.Name));
        }

        foreach (var handle in reader.MemberReferences)
        {
            strings.Add(reader.GetString(reader.GetMemberReference(handle).Name));
        }

        foreach (var handle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(handle);
            strings.Add(reader.GetString(type.Namespace));
            strings.Add(reader.GetString(type.Name));
        }

        foreach (var handle in reader.FieldDefinitions)
        {
            strings.Add(reader.GetString(reader.GetFieldDefinition(handle).Name));
        }

        foreach (var handle in reader.MethodDefinitions)
        {
            strings.Add(reader.GetString(reader.GetMethodDefinition(handle).Name));
        }

        if (reader.GetHeapSize(HeapIndex.UserString) > 1)
        {
            for (var handle = MetadataTokens.UserStringHandle(1);
                 !handle.IsNil;
                 handle = reader.GetNextHandle(handle))
            {
                strings.Add(reader.GetUserString(handle));
            }
        }

        return strings.Sum(value => Encoding.UTF8.GetByteCount(value) + 1);
    }
}
