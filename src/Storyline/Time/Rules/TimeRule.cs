using System.Text.RegularExpressions;
using static Storyline.Time.TimexValues;

namespace Storyline.Time.Rules;

/// <summary>One recognition rule: a pattern, how to normalise what it matched, and optionally a cheap trigger: when given,
/// the pattern only runs in windows around the trigger's matches, which keeps long patterns with optional prefixes fast.</summary>
internal interface ITimeRule
{
    /// <summary>The rule's name, as the bench's --profile prints it.</summary>
    string Name { get; }

    /// <summary>The pattern that finds the rule's expressions; a "span" group narrows the expression to part of the match.</summary>
    Regex Pattern { get; }

    /// <summary>A cheap pattern the main one only runs near, or null to run it over the whole text.</summary>
    Regex? Trigger { get; }

    /// <summary>The same pattern under a match timeout, for texts where the pattern's loops could backtrack at length (see <see cref="TimeExpressionRecognizer.RunsAreShort"/>).</summary>
    Regex GuardedPattern { get; }

    /// <summary>Whether a match may be followed by "ago", "earlier" or "later" (durations).</summary>
    bool TakesAgo { get; }

    /// <summary>Whether a match may be preceded by "the past" or "about" (durations).</summary>
    bool TakesPrefix { get; }

    /// <summary>The normalised value of a match, or null when the match is not a time expression after all.</summary>
    TimexResult? Resolve(Match match, ResolveContext context);
}

/// <summary>The base of the rules: their name, pattern and trigger, and the pattern fragments they are written in.</summary>
internal abstract class TimeRule(string name, Regex pattern, Regex? trigger = null) : ITimeRule
{
    protected const string B = @"(?<![\w'’-])";
    protected const string E = @"(?![\w])";
    protected const string Month = @"(?-i:(?<mon>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?))(?![a-z])";
    protected const string Weekday = @"(?-i:(?<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon\.|Tues?\.|Wed\.|Thu(?:rs?)?\.|Fri\.|Sat\.|Sun\.))";
    protected const string Day = @"(?<day>[0-3]?[0-9])(?:st|nd|rd|th)?";
    protected const string Year = @"(?<year>(?:1[6-9]|20)[0-9][0-9])(?![0-9]|[.,][0-9])";
    protected const string RelYear = @"(?<ry>this|last|next|that|the\s+same|the\s+previous|the\s+following)\s+year";
    protected const string Mod = @"(?:(?<mod>(?:the\s+)?(?:end|beginning|start|middle|close|turn|first\s+half|second\s+half|latter\s+half|last\s+half|first\s+part|latter\s+part|rest|remainder|balance)\s+of(?:\s+the)?|early|late|mid|earlier|later)(?:\s+in)?(?:\s+|-))";
    protected const string NumWord = @"(?:(?:" + TensPattern + @")(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?|" + OnesPattern + ")";
    protected const string SmallNum = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve";
    protected const string Vague = @"(?<vague>several|a\s+few|few|many|numerous|dozens\s+of|hundreds\s+of|thousands\s+of|a\s+number\s+of|a\s+couple\s+of|some)";
    protected const string Unit = @"(?<unit>years?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?|decades?|centur(?:y|ies)|quarters?|weekends?|fortnights?|nights?|millenni(?:um|a))";
    protected const string Part = @"(?<part>morning|afternoon|evening|night)";

    // Patterns use [0-9], not \d, which would also match Arabic-Indic and other digits that int.Parse rejects.
    // Source-generated so that nothing is compiled at run time: the first call stays fast. Without a match timeout: a timeout makes the
    // generated code read the clock at every position it tries, which took half the recogniser's time. No group repeats (only "?"), and the
    // loops repeat whitespace, '-' or digits, or a word's characters up to a space, a hyphen or the word's end (so giving one back fails at
    // once); a test holds the patterns to that. So on a text without long runs of whitespace, hyphens or digits every start position
    // costs bounded work; a text with such a run goes to GuardedPattern instead, which keeps the timeout.
    protected const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private Regex? _guarded;

    /// <inheritdoc />
    public string Name { get; } = name;

    /// <inheritdoc />
    public Regex Pattern { get; } = pattern;

    /// <inheritdoc />
    public Regex? Trigger { get; } = trigger;

    /// <inheritdoc />
    // Interpreted (built on first need, which only an odd text has): the same matches as the generated pattern, and a timeout.
    public Regex GuardedPattern => _guarded ??= new Regex(Pattern.ToString(), Pattern.Options, Timeout);

    /// <inheritdoc />
    public virtual bool TakesAgo => false;

    /// <inheritdoc />
    public virtual bool TakesPrefix => false;

    /// <inheritdoc />
    public abstract TimexResult? Resolve(Match m, ResolveContext c);
}
