using System.Globalization;

namespace Storyline.Time;

/// <summary>The one parser for dates a user types (<c>--published</c>, a JSON Lines <c>published</c>, the API's date filters): yyyy-MM-dd or any
/// ISO 8601 instant, read in the invariant culture, a date without an offset taken as UTC.</summary>
public static class UserDates
{
    /// <summary>Parses a date or instant; false when <paramref name="text"/> is not one.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var trimmed = text.Trim();
        if (DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            value = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return true;
        }
        return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    /// <summary>Parses the end of a range: a bare day takes in the whole of that day; an instant is taken as given.</summary>
    public static bool TryParseEnd(string? text, out DateTimeOffset value)
    {
        if (!TryParse(text, out value)) return false;
        if (DateOnly.TryParseExact(text!.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            value = value.AddDays(1).AddTicks(-1);
        return true;
    }
}
