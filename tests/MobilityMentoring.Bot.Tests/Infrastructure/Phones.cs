namespace MobilityMentoring.Bot.Tests.Infrastructure;

/// <summary>Distinct, valid Dutch mobile numbers, so tests sharing a database never meet.</summary>
public static class Phones
{
    private static int next = Random.Shared.Next(1_000_000);

    public static string Next() => "+316" + (20_000_000 + Interlocked.Increment(ref next)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
