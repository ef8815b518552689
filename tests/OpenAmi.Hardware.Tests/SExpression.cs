using System;

namespace OpenAmi.Hardware.Tests;

/// <summary>Balanced s-expressions of KiCad files, found by their opening text.</summary>
public static class SExpression
{
    /// <summary>
    /// The balanced expression that starts with the first <paramref name="head"/> at or after
    /// <paramref name="from"/> (quoted strings may hold parentheses), or null when there is none.
    /// </summary>
    public static string? Block(string text, string head, int from = 0)
    {
        int start = text.IndexOf(head, from, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        int depth = 0;
        bool quoted = false;
        for (int i = start; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && --depth == 0)
            {
                return text.Substring(start, i - start + 1);
            }
        }

        return null;
    }
}
