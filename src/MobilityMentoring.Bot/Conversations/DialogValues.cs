using System.Text.Json;
using System.Text.Json.Nodes;

namespace MobilityMentoring.Bot.Conversations;

/// <summary>
/// Reads the active dialog's saved values (<see cref="ConversationState.Data"/>) without throwing: a value of the
/// wrong kind reads as missing, and data that is not a JSON object reads as null, so one bad state (a bug, a hand
/// edit in the database) cannot fail the client's every message.
/// </summary>
public static class DialogValues
{
    /// <summary>The values, or null when <paramref name="data"/> is not JSON or not a JSON object.</summary>
    public static JsonObject? Read(string? data)
    {
        try
        {
            return JsonNode.Parse(data ?? "") as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static int? GetInt(this JsonObject values, string name) =>
        values[name] is JsonValue value && value.TryGetValue<int>(out var number) ? number : null;

    public static string? GetString(this JsonObject values, string name) =>
        values[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static bool? GetBool(this JsonObject values, string name) =>
        values[name] is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : null;
}
