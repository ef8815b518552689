using System.Reflection;
using System.Reflection.Emit;
using OpenAmi.Prepaid.Keypad;

namespace OpenAmi.Prepaid.Tests.Device;

/// <summary>
/// The nanoCLR interpreter hazard named in the project's rules: when a call, callvirt or newobj is the last IL
/// instruction before a try block, an exception thrown by that call runs the try's catch. Every method of
/// OpenAmi.Prepaid is decoded (operand sizes from ECMA-335 Partition III, as System.Reflection.Emit.OpCodes lists
/// them) and the instruction ending right at each try's start is checked.
/// </summary>
public class TryBlockHazardTests
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    [Fact]
    public void No_call_is_the_last_instruction_before_a_try_block()
    {
        var offenders = new List<string>();
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in typeof(KeypadLockout).Assembly.GetTypes())
        {
            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                var body = method.GetMethodBody();
                if (body == null)
                {
                    continue;
                }

                var tryStarts = body.ExceptionHandlingClauses.Select(c => c.TryOffset).ToHashSet();
                foreach (var (offset, opcode) in Instructions(body.GetILAsByteArray()!))
                {
                    if (opcode == OpCodes.Call || opcode == OpCodes.Callvirt || opcode == OpCodes.Newobj)
                    {
                        int end = offset + opcode.Size + 4;
                        if (tryStarts.Contains(end))
                        {
                            offenders.Add($"{type.FullName}.{method.Name} at IL_{offset:x4}");
                        }
                    }
                }
            }
        }

        Assert.Empty(offenders);
    }

    private static IEnumerable<(int Offset, OpCode OpCode)> Instructions(byte[] il)
    {
        int i = 0;
        while (i < il.Length)
        {
            int start = i;
            short value = il[i++];
            if (value == 0xFE)
            {
                value = unchecked((short)(0xFE00 | il[i++]));
            }

            var opcode = OpCodesByValue[value];
            yield return (start, opcode);
            i += opcode.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, i)),
                _ => 4,
            };
        }
    }
}
