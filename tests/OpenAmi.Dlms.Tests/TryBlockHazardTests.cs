using System.Reflection;
using System.Reflection.Emit;
using OpenAmi.Dlms.Client;
using OpenAmi.Metering.Dlms;

namespace OpenAmi.Dlms.Tests;

/// <summary>
/// nanoCLR looks up an exception handler from the caller's return address: when a call/callvirt/newobj is the last
/// IL instruction before a try block and throws, the interpreter runs that try's catch. The DLMS code must keep
/// a plain statement between such a call and a following try; this scans the compiled IL for the pattern.
/// </summary>
public class TryBlockHazardTests
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    [Fact]
    public void No_call_is_the_last_instruction_before_a_try_in_the_dlms_library() =>
        Assert.Empty(HazardSites(typeof(DlmsClient).Assembly, "OpenAmi.Dlms"));

    [Fact]
    public void No_call_is_the_last_instruction_before_a_try_in_the_dlms_meter_reader() =>
        Assert.Empty(HazardSites(typeof(DlmsMeterReader).Assembly, "OpenAmi.Metering.Dlms"));

    private static List<string> HazardSites(Assembly assembly, string namespacePrefix)
    {
        var sites = new List<string>();
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in assembly.GetTypes().Where(t => t.Namespace != null && t.Namespace.StartsWith(namespacePrefix)))
        {
            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                var body = method.GetMethodBody();
                if (body == null || body.ExceptionHandlingClauses.Count == 0)
                {
                    continue;
                }

                var tries = body.ExceptionHandlingClauses.Select(c => c.TryOffset).ToHashSet();
                var il = body.GetILAsByteArray()!;
                OpCode previous = OpCodes.Nop;
                for (int at = 0; at < il.Length;)
                {
                    if (tries.Contains(at) && (previous == OpCodes.Call || previous == OpCodes.Callvirt || previous == OpCodes.Newobj))
                    {
                        sites.Add(type.FullName + "." + method.Name + " at IL_" + at.ToString("X4"));
                    }

                    var op = il[at] == 0xFE ? OpCodesByValue[(short)(0xFE00 | il[at + 1])] : OpCodesByValue[il[at]];
                    at += op.Size + OperandSize(op, il, at + op.Size);
                    previous = op;
                }
            }
        }

        return sites;
    }

    private static int OperandSize(OpCode op, byte[] il, int operandAt) => op.OperandType switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, operandAt),
        _ => 4,
    };
}
