using System.Globalization;
using System.Net;
using System.Text;

namespace MobilityMentoring.Bot.Dashboard;

/// <summary>A bar chart as server-rendered SVG: no script, no CDN, every bar titled with its figure for screen readers.</summary>
public static class BarChart
{
    private const int Width = 600, Height = 180, Bottom = 150, Left = 30;

    /// <param name="bars">A null value is a figure left out (a suppressed small cell): no bar, a dash in its title.</param>
    /// <param name="labelEvery">Write every n-th label under the axis (all bars keep theirs in their title).</param>
    public static string Svg(string id, string title, IReadOnlyList<(string Label, int? Value)> bars, int labelEvery = 1)
    {
        var max = Math.Max(1, bars.Max(b => b.Value) ?? 1);
        var barWidth = (Width - Left) / (double)Math.Max(1, bars.Count);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"""<svg id="{id}" role="img" aria-label="{Encode(title)}" viewBox="0 0 {Width} {Height}" width="{Width}" height="{Height}" xmlns="http://www.w3.org/2000/svg"><title>{Encode(title)}</title>""");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            var height = (value ?? 0) * (Bottom - 10.0) / max;
            var x = Left + i * barWidth;
            svg.Append(CultureInfo.InvariantCulture,
                $"""<rect class="bar" data-label="{Encode(label)}" data-value="{value}" x="{x:F1}" y="{Bottom - height:F1}" width="{Math.Max(1, barWidth - 2):F1}" height="{height:F1}" fill="#154273"><title>{Encode(label)}: {value?.ToString(CultureInfo.InvariantCulture) ?? "–"}</title></rect>""");
            if (i % labelEvery == 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"""<text x="{x:F1}" y="{Bottom + 16}" font-size="11">{Encode(label)}</text>""");
            }
        }

        svg.Append(CultureInfo.InvariantCulture, $"""<text x="0" y="12" font-size="11">{max}</text><line x1="{Left}" y1="{Bottom}" x2="{Width}" y2="{Bottom}" stroke="#555"/></svg>""");
        return svg.ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
