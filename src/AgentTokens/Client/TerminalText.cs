using System.Globalization;

namespace AgentTokens;

/// <summary>Server text made safe for a terminal or a one-line log: control characters shown, never acted on.</summary>
public static class TerminalText
{
    /// <summary>
    /// Replaces every control character (C0 including ESC, BEL, tab and new lines; DEL; C1) with a visible escape such
    /// as <c>\u001b</c>, so that a server cannot clear a screen, retitle a window or forge a line. Other text is kept.
    /// </summary>
    /// <param name="text">The text, or null.</param>
    public static string Escape(string? text) =>
        string.IsNullOrEmpty(text) || !text.Any(IsControl)
            ? text ?? ""
            : string.Concat(text.Select(c => IsControl(c) ? "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) : c.ToString()));

    /// <summary>C0, DEL and C1: what a terminal may act on.</summary>
    /// <param name="c">The character.</param>
    public static bool IsControl(char c) => c < '\u0020' || c is >= '\u007f' and <= '\u009f';
}
