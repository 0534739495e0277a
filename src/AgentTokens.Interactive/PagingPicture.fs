namespace AgentTokens.Interactive

open System
open System.Collections.Generic
open System.Text

/// A picture a notebook displays as HTML (SVG), with a text form for plain-text outputs and `ToString`.
[<Sealed>]
type Picture internal (html: string, text: string) =
    /// The picture as HTML.
    member _.Html = html
    /// The picture as text.
    member _.Text = text
    override _.ToString() = text

/// Draws which slots of a listing each request read: one row per request, a square per token position
/// (0 to totalCount - 1), filled where that request's answer covered it; the last row shows the positions no request
/// read, which is what a paging loop lost.
[<AbstractClass; Sealed>]
type PagingPicture =
    /// `reads` holds each request's offset and the number of tokens its answer carried, in the order sent.
    static member Draw(title: string, totalCount: int, reads: IEnumerable<struct (int * int)>) : Picture =
        ArgumentOutOfRangeException.ThrowIfNegative totalCount
        ArgumentNullException.ThrowIfNull reads
        let reads = List.ofSeq reads
        let covered (struct (offset, count)) slot = slot >= offset && slot < offset + count
        let missed = [ for slot in 0 .. totalCount - 1 do if not (reads |> List.exists (fun r -> covered r slot)) then slot ]
        let rows =
            [ for i, (struct (offset, count) as read) in List.indexed reads ->
                  $"request {i + 1}: offset {offset}, {count} tokens", (fun slot -> if covered read slot then "read" else "empty") ]
            @ [ $"never read: {missed.Length} of {totalCount}", (fun slot -> if List.contains slot missed then "lost" else "empty") ]
        let requests = if reads.Length = 1 then "1 request" else $"{reads.Length} requests"
        let summary = $"{title}: {totalCount - missed.Length} of {totalCount} tokens read in {requests}, {missed.Length} never read."
        let text =
            let line (label: string, state: int -> string) =
                let cells = String(Array.init totalCount (fun slot -> match state slot with "read" -> '#' | "lost" -> 'x' | _ -> '.'))
                $"{label.PadRight 34} {cells}"
            String.concat "\n" (summary :: List.map line rows)
        let size, gap, labelWidth = 10, 2, 230
        let width = labelWidth + totalCount * (size + gap)
        let svg = StringBuilder()
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{rows.Length * (size + 8) + 4}\" role=\"img\" aria-label=\"{Net.WebUtility.HtmlEncode summary}\">") |> ignore
        for r, (label, state) in List.indexed rows do
            let y = 2 + r * (size + 8)
            svg.Append($"<text x=\"0\" y=\"{y + size}\" font-family=\"sans-serif\" font-size=\"11\">{Net.WebUtility.HtmlEncode label}</text>") |> ignore
            for slot in 0 .. totalCount - 1 do
                let fill = match state slot with "read" -> "#2a9d8f" | "lost" -> "#e63946" | _ -> "#e9ecef"
                svg.Append($"<rect x=\"{labelWidth + slot * (size + gap)}\" y=\"{y}\" width=\"{size}\" height=\"{size}\" fill=\"{fill}\"/>") |> ignore
        svg.Append("</svg>") |> ignore
        let html = $"<figure class=\"paging-picture\"><figcaption>{Net.WebUtility.HtmlEncode summary}</figcaption>{svg}</figure>"
        Picture(html, text)
