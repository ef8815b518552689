using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace OpenAmi.DeviceGate;

/// <summary>
/// nanoCLR finds the handler for an exception thrown inside a call from the caller's return address. When a
/// call is the last IL instruction before a protected region, that return address is the region's first
/// instruction, so the region's catch runs for an exception C# says it must not see. This scan finds every
/// call, callvirt or newobj that ends right where a try begins. The one shape allowed is C#'s `lock` as it compiles
/// against nanoFramework's mscorlib (no Monitor.Enter(object, ref bool)): Monitor.Enter right before a try whose
/// only handler is the finally that exits the lock. Enter throws only for a null lock object, which the code never
/// passes, and a finally that ran for it would only call Monitor.Exit.
/// </summary>
public static class TryBlockHazard
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields()
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(code => code.Value);

    internal static IEnumerable<Finding> Scan(PEReader pe, MetadataReader reader, SignatureNames names, string assembly)
    {
        foreach (var handle in reader.MethodDefinitions)
        {
            var method = reader.GetMethodDefinition(handle);
            if (method.RelativeVirtualAddress == 0)
            {
                continue;
            }

            var body = pe.GetMethodBody(method.RelativeVirtualAddress);
            if (body.ExceptionRegions.Length == 0)
            {
                continue;
            }

            var tryStarts = new HashSet<int>(body.ExceptionRegions.Select(region => region.TryOffset));
            var il = body.GetILBytes()!;
            foreach (var offset in CallsEndingAt(il, tryStarts))
            {
                if (IsLockEntry(reader, body, il, offset))
                {
                    continue;
                }

                yield return new Finding(assembly, "NF006",
                    $"'{names.OfMethod(handle)}' IL_{offset:X4}: a call is the last instruction before a try block",
                    "nanoCLR would run that try's handlers for the call's exception; put a statement between the call and the try");
            }
        }
    }

    /// <summary>IL offsets of call/callvirt/newobj instructions whose next instruction starts a protected region.</summary>
    public static IEnumerable<int> CallsEndingAt(byte[] il, ISet<int> tryStarts)
    {
        var offset = 0;
        while (offset < il.Length)
        {
            var start = offset;
            var code = ReadOpCode(il, ref offset);
            offset += OperandSize(code, il, offset);
            var isCall = code == OpCodes.Call || code == OpCodes.Callvirt || code == OpCodes.Newobj;
            if (isCall && tryStarts.Contains(offset))
            {
                yield return start;
            }
        }
    }

    private static bool IsLockEntry(MetadataReader reader, MethodBodyBlock body, byte[] il, int callOffset)
    {
        if (il[callOffset] != OpCodes.Call.Value)
        {
            return false;
        }

        var tryStart = callOffset + 5;
        var onlyFinally = body.ExceptionRegions
            .Where(region => region.TryOffset == tryStart)
            .All(region => region.Kind == ExceptionRegionKind.Finally);
        var target = MetadataTokens.EntityHandle(BitConverter.ToInt32(il, callOffset + 1));
        if (!onlyFinally || target.Kind != HandleKind.MemberReference)
        {
            return false;
        }

        var member = reader.GetMemberReference((MemberReferenceHandle)target);
        if (member.Parent.Kind != HandleKind.TypeReference || reader.GetString(member.Name) != "Enter")
        {
            return false;
        }

        var type = reader.GetTypeReference((TypeReferenceHandle)member.Parent);
        return reader.GetString(type.Namespace) == "System.Threading" && reader.GetString(type.Name) == "Monitor";
    }

    private static OpCode ReadOpCode(byte[] il, ref int offset)
    {
        short value = il[offset++];
        if (value == 0xFE)
        {
            value = (short)(0xFE00 | il[offset++]);
        }

        return OpCodesByValue.TryGetValue(value, out var code)
            ? code
            : throw new BadImageFormatException($"unknown IL opcode 0x{value:X} at {offset}");
    }

    private static int OperandSize(OpCode code, byte[] il, int offset) => code.OperandType switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, offset)),
        _ => 4,
    };
}
