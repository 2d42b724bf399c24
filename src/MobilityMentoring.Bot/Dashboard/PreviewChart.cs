using System.Globalization;
using System.Text;
using MobilityMentoring.Bot.Reminders;

namespace MobilityMentoring.Bot.Dashboard;

/// <summary>The cadence preview's send times as a bar chart: server-rendered SVG, no script, readable without colour.</summary>
public static class PreviewChart
{
    private const int Width = 600, Height = 180, Bottom = 150, Left = 30;

    public static string Svg(CadencePreviewResult preview, string title)
    {
        var max = Math.Max(1, preview.SendTimes.Max(h => h.Messages));
        var barWidth = (Width - Left) / 24.0;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg id="preview-chart" role="img" aria-label="{Escape(title)}" viewBox="0 0 {Width} {Height}" width="{Width}" height="{Height}" xmlns="http://www.w3.org/2000/svg">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<title>{Escape(title)}</title>""");
        foreach (var hour in preview.SendTimes)
        {
            var height = hour.Messages * (Bottom - 10.0) / max;
            var x = Left + hour.Hour * barWidth;
            svg.Append(CultureInfo.InvariantCulture,
                $"""<rect class="bar" data-hour="{hour.Hour}" data-messages="{hour.Messages}" x="{x:F1}" y="{Bottom - height:F1}" width="{barWidth - 2:F1}" height="{height:F1}" fill="#154273"><title>{hour.Hour:00}:00 {hour.Messages}</title></rect>""");
            if (hour.Hour % 3 == 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"""<text x="{x:F1}" y="{Bottom + 16}" font-size="11">{hour.Hour:00}</text>""");
            }
        }

        svg.Append(CultureInfo.InvariantCulture, $"""<text x="0" y="12" font-size="11">{max}</text><line x1="{Left}" y1="{Bottom}" x2="{Width}" y2="{Bottom}" stroke="#555"/></svg>""");
        return svg.ToString();
    }

    private static string Escape(string text) => System.Net.WebUtility.HtmlEncode(text);
}
