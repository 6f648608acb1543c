namespace Storyline.Text;

/// <summary>Word lists the tokenizer and sentence splitter consult.</summary>
internal static class Abbreviations
{
    // Titles and honorifics precede a name, so a sentence never ends on them.
    public static readonly HashSet<string> Titles = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "messrs", "dr", "prof", "gen", "lt", "col", "capt", "cpt", "maj", "sgt", "cpl", "pvt", "adm", "cmdr",
        "sen", "rep", "gov", "pres", "supt", "insp", "det", "hon", "rev", "fr", "sr", "st", "mt", "ft", "brig", "amb", "atty",
    };

    // Month abbreviations usually precede a day number.
    public static readonly HashSet<string> Months = new(StringComparer.OrdinalIgnoreCase)
    {
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    };

    // Abbreviations that may also end a sentence ("... Ltd. The company ...").
    public static readonly HashSet<string> General = new(StringComparer.OrdinalIgnoreCase)
    {
        "inc", "corp", "co", "ltd", "plc", "llc", "bros", "jr", "etc", "vs", "approx", "est", "dept", "govt", "univ", "assn",
        "ave", "blvd", "rd", "hwy", "cf", "al", "ca", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
        "mln", "bln", "yr", "yrs", "min", "mins", "hr", "hrs", "sq", "km", "kg",
        "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ill", "ind", "kan", "kans", "ky", "la", "md", "mass",
        "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "penn", "tenn", "tex", "va", "vt", "wash", "wis", "wyo",
    };

    // Abbreviations that only keep their period before a number ("No. 1", "Art. 5", "p. 12").
    public static readonly HashSet<string> BeforeNumber = new(StringComparer.OrdinalIgnoreCase)
    {
        "no", "nos", "art", "arts", "vol", "vols", "p", "pp", "fig", "figs", "ch", "sec", "para", "op", "tel",
    };

    // Capitalised words that almost only appear capitalised at the start of a sentence: after an abbreviation that can
    // end a sentence ("in the U.S. The"), one of these means the sentence did end there.
    public static readonly HashSet<string> SentenceStarters = new(StringComparer.Ordinal)
    {
        "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "This", "That", "These", "Those", "There", "Here",
        "But", "And", "Or", "So", "Yet", "However", "Meanwhile", "In", "On", "At", "By", "For", "From", "With", "As", "If",
        "When", "While", "After", "Before", "Since", "Although", "Though", "His", "Her", "Its", "Their", "Our", "My", "Your",
        "Some", "Many", "Most", "All", "Both", "Each", "Every", "No", "None", "Other", "Others", "Such", "What", "Who", "Why",
        "How", "Where", "Which", "Then", "Now", "Also", "Still", "Last", "Next", "According", "Under", "Over", "During",
        "Despite", "Asked", "Officials", "Analysts", "Experts", "Critics", "Police", "Shares",
    };
}
