using System.Globalization;
using System.Text;

namespace AgentTokens;

/// <summary>Server text made safe for a terminal or a one-line log: control and invisible characters shown, never acted on.</summary>
public static class TerminalText
{
    /// <summary>
    /// Replaces every character a terminal may act on or a reader cannot see with a visible escape such as
    /// <c>\u001b</c>: C0 (including ESC, BEL, tab and new lines), DEL and C1; Unicode's format characters, among them
    /// the bidirectional overrides and isolates (U+202A to U+202E, U+2066 to U+2069, U+061C) and the zero-width ones
    /// (U+200B to U+200F, U+2060, U+FEFF) with which a name can display as another ("Trojan Source"); and the line and
    /// paragraph separators. So a server cannot clear a screen, retitle a window, forge a line or disguise a name.
    /// Other text, accented letters and emoji included, is kept.
    /// </summary>
    /// <param name="text">The text, or null.</param>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }
        if (!NeedsEscape(text))
        {
            return text;
        }
        var builder = new StringBuilder(text.Length + 16);
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsHidden(rune))
            {
                builder.Append(rune.Value <= 0xFFFF
                    ? "\\u" + rune.Value.ToString("x4", CultureInfo.InvariantCulture)
                    : "\\U" + rune.Value.ToString("x8", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(rune.ToString());
            }
        }
        return builder.ToString();
    }

    /// <summary>
    /// <see cref="Escape"/>, cut to at most <paramref name="maxLength"/> characters of the original with "…" and how
    /// many were left out, for messages and log lines.
    /// </summary>
    /// <param name="text">The text, or null.</param>
    /// <param name="maxLength">The most characters kept (at least 1).</param>
    public static string EscapeAndCut(string? text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        var value = text ?? "";
        return value.Length <= maxLength
            ? Escape(value)
            : Escape(value[..maxLength]) + $"… ({(value.Length - maxLength).ToString(CultureInfo.InvariantCulture)} more characters)";
    }

    /// <summary>C0, DEL and C1: what a terminal may act on.</summary>
    /// <param name="c">The character.</param>
    public static bool IsControl(char c) => c < '\u0020' || c is >= '\u007f' and <= '\u009f';

    /// <summary>Whether <see cref="Escape"/> changes the character: a control, format, line or paragraph separator, or a lone surrogate.</summary>
    /// <param name="rune">The character.</param>
    public static bool IsHidden(Rune rune) =>
        rune.IsBmp && IsControl((char)rune.Value)
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
        || rune == Rune.ReplacementChar;

    private static bool NeedsEscape(string text)
    {
        foreach (var c in text)
        {
            if (c < '\u0020' || c >= '\u007f')
            {
                // Outside printable ASCII: decide rune by rune.
                foreach (var rune in text.EnumerateRunes())
                {
                    if (IsHidden(rune))
                    {
                        return true;
                    }
                }
                return false;
            }
        }
        return false;
    }
}
