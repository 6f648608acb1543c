using Storyline.Time.Rules;

namespace Storyline.Time;

/// <summary>The recognition rules, registered in priority order: when two candidates are equally long, the earlier rule wins
/// (a full date beats the month-and-day inside it). Each rule is one class in Rules/, named after what it recognises.</summary>
public sealed partial class TimeExpressionRecognizer
{
    // The month-name and time-unit triggers these rules were once written with never took effect (the trigger fields were
    // initialised after the rule list), so those rules run over the whole text; adding triggers would change their matches.
    internal static readonly ITimeRule[] Rules =
    [
        new IsoDateRule(),
        new NumericDateRule(),
        new FullDateRule(),
        new MonthDayRule(),
        new MonthYearRule(),
        new MonthRule(),
        OrdinalQuarterRule.Named(),
        OrdinalQuarterRule.Code(),
        new HalfYearRule(),
        RelativeQuarterRule.Relative(),
        new YearPeriodRule(),
        RelativeQuarterRule.LastYears(),
        DecadeRule.Digits(),
        DecadeRule.Words(),
        new CenturyRule(),
        new YearRule(),
        new SpelledYearRule(),
        new SeasonRule(),
        DayWordRule.Word(),
        DayWordRule.Around(),
        new PartOfDayRule(),
        new WeekdayRule(),
        ClockRule.AmPm(),
        ClockRule.TwentyFourHour(),
        ClockRule.Words(),
        ClockRule.Noon(),
        AgoRule.Bare(),
        new YearAdjectiveRule(),
        new HolidayRule(),
        new TheUnitRule(),
        new RelativeRule(),
        SetRule.Adverb(),
        SetRule.Every(),
        SetRule.Rate(),
        SetRule.Weekdays(),
        DurationRule.Digits(),
        DurationRule.Words(),
        DurationRule.VagueCount(),
        VagueDurationRule.Determined(),
        VagueDurationRule.ForPlural(),
        new ReferenceRule(),
    ];

    /// <summary>Resolves a duration rule's match extended by a direction word ("two years" + "ago").</summary>
    internal static readonly ITimeRule DirectionRule = AgoRule.AfterDuration();
}
