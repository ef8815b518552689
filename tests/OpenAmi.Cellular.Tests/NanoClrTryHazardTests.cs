using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using OpenAmi.Cellular.Mqtt;

namespace OpenAmi.Cellular.Tests;

/// <summary>
/// The nanoCLR interpreter runs a try block's catch for the exception of a call/callvirt/newobj that is the last IL
/// instruction before that try (the project's device rule, README "Rules"). This scans the compiled library's IL for it,
/// so the rule holds in every build rather than by inspection.
/// </summary>
public sealed class NanoClrTryHazardTests
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    [Fact]
    public void No_call_is_the_last_instruction_before_a_try_with_a_catch_in_OpenAmi_Cellular()
    {
        Assert.Empty(Hazards(typeof(SimcomMqttLink).Assembly, _ => true));
    }

    [Fact]
    public void The_scan_finds_a_call_right_before_a_try()
    {
        // Control: the sample below has exactly the shape the rule forbids, and one that keeps a local store between.
        string[] found = Hazards(typeof(NanoClrTryHazardTests).Assembly, type => type == nameof(HazardSample));
        Assert.Equal(["HazardSample.CallThenTry"], found);
    }

    private static string[] Hazards(Assembly assembly, Func<string, bool> typeFilter)
    {
        using FileStream stream = File.OpenRead(assembly.Location);
        using PEReader pe = new(stream);
        MetadataReader metadata = pe.GetMetadataReader();
        List<string> found = [];
        foreach (TypeDefinitionHandle typeHandle in metadata.TypeDefinitions)
        {
            TypeDefinition type = metadata.GetTypeDefinition(typeHandle);
            string typeName = metadata.GetString(type.Name);
            if (!typeFilter(typeName))
            {
                continue;
            }

            foreach (MethodDefinitionHandle methodHandle in type.GetMethods())
            {
                MethodDefinition method = metadata.GetMethodDefinition(methodHandle);
                if (method.RelativeVirtualAddress == 0)
                {
                    continue;
                }

                MethodBodyBlock body = pe.GetMethodBody(method.RelativeVirtualAddress);
                HashSet<int> catchTries = body.ExceptionRegions
                    .Where(r => r.Kind is ExceptionRegionKind.Catch or ExceptionRegionKind.Filter)
                    .Select(r => r.TryOffset)
                    .ToHashSet();
                if (catchTries.Count > 0 && CallBeforeAny(body.GetILBytes()!, catchTries))
                {
                    found.Add(typeName + "." + metadata.GetString(method.Name));
                }
            }
        }

        return [.. found];
    }

    private static bool CallBeforeAny(byte[] il, HashSet<int> tryOffsets)
    {
        OpCode previous = OpCodes.Nop;
        int position = 0;
        while (position < il.Length)
        {
            if (tryOffsets.Contains(position) && (previous == OpCodes.Call || previous == OpCodes.Callvirt || previous == OpCodes.Newobj))
            {
                return true;
            }

            short value = il[position] == 0xFE ? (short)(0xFE00 | il[position + 1]) : il[position];
            OpCode code = OpCodesByValue[value];
            position += code.Size + OperandSize(code.OperandType, il, position + code.Size);
            previous = code;
        }

        return false;
    }

    // ECMA-335 partition III section 1.2 / 1.9: operand sizes by operand type.
    private static int OperandSize(OperandType type, byte[] il, int operand) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, operand)),
        _ => 4,
    };
}

internal static class HazardSample
{
    public static int CallThenTry(string text)
    {
        RequireText(text);
        try
        {
            return checked(text.Length * 2);
        }
        catch (OverflowException)
        {
            return -1;
        }
    }

    public static int StoreThenTry(string text)
    {
        RequireText(text);
        int fallback = -1;
        try
        {
            return checked(text.Length * 2);
        }
        catch (OverflowException)
        {
            return fallback;
        }
    }

    private static void RequireText(string text) => ArgumentNullException.ThrowIfNull(text);
}
