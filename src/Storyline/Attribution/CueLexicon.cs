namespace Storyline.Attribution;

/// <summary>Word lists for reporting cues and the words around them (built from the most frequent cues in PolNeAR train).</summary>
internal static class CueLexicon
{
    /// <summary>Reporting verbs in every inflection that introduces speech, writing or stated positions.</summary>
    public static readonly HashSet<string> Verbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "say", "said", "says", "saying", "tell", "told", "tells", "telling", "add", "added", "adds", "adding",
        "write", "wrote", "writes", "writing", "note", "noted", "notes", "noting", "argue", "argued", "argues", "arguing",
        "announce", "announced", "announces", "announcing", "claim", "claimed", "claims", "claiming", "deny", "denied", "denies", "denying",
        "warn", "warned", "warns", "urge", "urged", "urges", "urging", "insist", "insisted", "insists", "insisting",
        "assert", "asserted", "asserts", "asserting", "acknowledge", "acknowledged", "acknowledges", "acknowledging",
        "explain", "explained", "explains", "explaining", "stated", "declare", "declared", "declares", "declaring",
        "suggest", "suggested", "suggests", "suggesting", "stress", "stressed", "stresses", "stressing", "emphasize", "emphasized",
        "emphasizes", "emphasise", "emphasised", "vow", "vowed", "vows", "reject", "rejected", "rejects", "reported", "reports",
        "tweeted", "asked", "asks", "replied", "replies", "responded", "recalled", "recalls", "predicted", "predicts",
        "promised", "promises", "pledged", "pledges", "admitted", "admits", "confirmed", "confirms", "conceded", "concedes",
        "complained", "complains", "reiterated", "reiterates", "alleged", "alleges", "accused", "accuses", "contended", "contends",
        "maintained", "maintains", "concluded", "concludes", "observed", "remarked", "commented", "countered", "cautioned",
        "believes", "believe", "believed", "thinks", "think", "found", "finds", "shows", "showed", "show", "estimated", "estimates",
        "revealed", "reveals", "disclosed", "indicated", "indicates", "boasted", "predicted", "demanded", "demands", "instructed",
        "directed", "ordered", "called", "criticized", "criticised", "condemned", "described", "blamed", "praised", "hailed",
        "dismissed", "denounced", "questioned", "agreed", "agrees", "hopes", "hoped", "fears", "feared", "expects", "expected",
    };

    /// <summary>Belief and wish verbs ("knows", "wants", "doubts") that PolNeAR annotates as stances; cues only outside quotations and with a complement.</summary>
    public static readonly string[] Stance =
    [
        "know", "knows", "knew", "feel", "feels", "felt", "hope", "fear", "want", "wants", "wanted", "doubt", "doubts", "expect",
        "suspect", "suspects", "worry", "worries",
    ];

    /// <summary>Further cue words learned from PolNeAR train: words that are part of a cue at least 4 times and in at least 35% of
    /// their occurrences, with adverbs, nouns, adjectives and plain verbs of action removed by hand.</summary>
    public static readonly string[] Learned =
    [
        "accused", "accuses", "accusing", "acknowledged", "acknowledging", "acquiesced", "added", "adding", "adds", "admits",
        "admitted", "advocated", "agreed", "aiming", "alleges", "alleging", "alluding", "announced", "announces", "announcing",
        "answered", "apologized", "appeared", "appears", "argued", "argues", "arguing", "articulated", "asked", "asking", "asks",
        "assailed", "asserted", "asserting", "assured", "attacked", "attributed", "balked", "believing", "bemoaned", "blamed",
        "blames", "blaming", "blasted", "blasting", "blasts", "boasted", "boasts", "called", "calling", "calls", "cautioned",
        "challenged", "chanted", "chanting", "chants", "charged", "cited", "cites", "citing", "claimed", "claiming", "commented",
        "complained", "conceded", "concluded", "concludes", "condemned", "condemning", "confirmed", "congratulated", "considers",
        "contends", "continued", "credited", "criticized", "criticizing", "declared", "declares", "declaring", "declined",
        "decried", "defended", "defending", "demanding", "denied", "denounced", "denouncing", "derided", "described",
        "describes", "describing", "detailing", "disclosed", "discussed", "discussing", "dismissed", "dismisses", "dismissing",
        "distanced", "documented", "dubbed", "echoed", "echoing", "emailed", "emphasized", "emphasizing", "endorsed", "endorses",
        "endorsing", "estimated", "estimates", "expected", "expecting", "explained", "explaining", "explains", "expressed",
        "expressing", "fearing", "finds", "forecast", "found", "hailed", "highlighted", "highlighting", "hints", "hoped",
        "hopes", "hoping", "identified", "imagined", "implied", "implying", "indicated", "indicates", "informed", "insisted",
        "insisting", "insists", "interjected", "invoked", "joked", "knocked", "labeled", "lambasted", "lamented", "lashed",
        "learned", "likened", "mentioned", "mentioning", "mentions", "mocked", "mocking", "mused", "naming", "noted", "notes",
        "noting", "ordered", "outlined", "outlining", "persuaded", "pleaded", "pledges", "pledging", "pointed", "pointing",
        "portrayed", "portraying", "posted", "praised", "praises", "praising", "predicted", "predicting", "preferred", "prefers",
        "pressing", "proclaimed", "projected", "promised", "promises", "promising", "proposed", "proposing", "questioned",
        "questioning", "quoted", "railed", "reads", "realized", "rebuffed", "rebuked", "recalled", "recalling", "recognizing",
        "recommended", "recounted", "referenced", "referencing", "referred", "referring", "refers", "refused", "refuses",
        "refusing", "regarded", "reiterated", "rejected", "rejecting", "remarked", "remarking", "remembered", "remembers",
        "reminded", "reminding", "repeated", "repeating", "replied", "reported", "responded", "responds", "retweeted",
        "revealed", "reveals", "said", "say", "saying", "says", "seeks", "seemed", "seems", "sees", "shouted", "showed", "shows",
        "signaled", "slammed", "slamming", "slams", "speculated", "stated", "stating", "stressed", "suggested", "suggesting",
        "suggests", "supported", "suspected", "telling", "tells", "testified", "thanked", "thanking", "thinks", "threatened",
        "threatening", "told", "touted", "touting", "tweeted", "tweeting", "unveiled", "urged", "urging", "vowed", "vowing",
        "vows", "warned", "warning", "wondered", "wondering", "worried", "writes", "writing", "wrote", "yelled",
    ];

    /// <summary>Cue verbs learned in a second pass over PolNeAR train (at least 5 cue uses and 30% of occurrences, verbs only):
    /// stances and acts of support or opposition that are too often plain actions inside a quotation to be cues there.</summary>
    public static readonly string[] LearnedWeak =
    [
        "offered", "sought", "spoke", "supporting", "opposed", "seeking", "mention", "issued", "discuss", "talked", "considered",
        "backing", "endorse", "pushed", "backed", "shown", "oppose", "opposes", "shared", "pushing", "talks", "talking", "offering",
        "praise", "listed", "blame", "voiced", "requested", "prefer", "describe", "encouraged", "express", "pressed",
        "viewed", "reveal", "indicate", "portray", "applauded", "welcomed", "criticize", "predict", "admit", "championed",
        "embraced", "lists", "wonder", "convince", "persuade", "encourage", "highlight", "noticed", "recognized",
    ];

    /// <summary>Verbs whose object is the listener ("told reporters that …"), so the content starts later.</summary>
    public static readonly HashSet<string> TakesListener = new(StringComparer.OrdinalIgnoreCase)
    {
        "tell", "told", "tells", "telling", "asked", "asks", "urged", "urge", "urges", "urging", "warned", "warns", "assured",
        "reminded", "instructed", "directed", "ordered", "called", "accused", "accuses", "criticized", "criticised", "condemned",
        "described", "blamed", "praised", "hailed", "dismissed", "denounced", "questioned",
    };

    /// <summary>Verbs that are only cues with a following "that", a colon or a quotation (too common as plain verbs otherwise).</summary>
    public static readonly HashSet<string> NeedsComplement = new(StringComparer.OrdinalIgnoreCase)
    {
        "believes", "believe", "believed", "thinks", "think", "found", "finds", "shows", "showed", "show", "expects",
        "hopes", "hoped", "fears", "feared", "estimated", "estimates", "indicated", "indicates", "writing", "stress", "note", "add",
        "reject", "deny", "explain", "continued", "known", "appeared", "appears", "seemed", "seems", "alleged", "claims", "claim",
        "demands", "know", "knows", "knew", "feel", "feels", "felt", "hope", "fear", "want", "wants", "wanted", "doubt", "doubts",
        "expect", "suspect", "suspects", "worry", "worries",
    };

    /// <summary>Belief, wish and finding verbs that report a stance without "that" when a subject sits right before them ("He thinks the plan …").</summary>
    public static readonly HashSet<string> BareComplement = new(StringComparer.OrdinalIgnoreCase)
    {
        "believes", "believe", "believed", "thinks", "think", "found", "finds", "shows", "showed", "show", "expects", "hopes",
        "hoped", "fears", "feared", "estimated", "estimates", "indicated", "indicates", "claims", "claim", "demands", "know", "knows",
        "knew", "feel", "feels", "felt", "hope", "fear", "want", "wants", "wanted", "doubt", "doubts", "expect", "suspect", "suspects",
        "worry", "worries",
    };

    /// <summary>Words that, right after a belief verb, show it is not reporting a stance ("thinks about", "found in", "showed up").</summary>
    public static readonly HashSet<string> NotAfterBareCue = new(StringComparer.OrdinalIgnoreCase)
    {
        "about", "of", "in", "on", "at", "for", "up", "out", "off", "over", "with", "by", "from", "into", "himself", "herself",
        "themselves", "itself", "myself", "and", "or", "but", "so", "as", "too", "twice", "again", "back", "no", "nothing",
    };

    /// <summary>Nouns for documents and studies that can be the source of a finding ("the poll shows", "a report found").</summary>
    public static readonly HashSet<string> DocumentSources = new(StringComparer.OrdinalIgnoreCase)
    {
        "poll", "polls", "survey", "surveys", "study", "studies", "report", "reports", "data", "records", "document", "documents",
        "analysis", "research", "figures", "statistics", "numbers", "results", "memo", "letter", "filing", "filings", "review",
        "investigation", "audit", "census", "statement", "ruling", "indictment", "complaint", "lawsuit", "emails", "email",
    };

    /// <summary>Document nouns that, in an opening "In …," phrase, are rather places or events ("In his statement" stays a source; these do not).</summary>
    public static readonly HashSet<string> NotDocumentInPhrase = new(StringComparer.OrdinalIgnoreCase) { "records", "numbers", "email", "emails" };

    /// <summary>Auxiliaries and adverbs that sit between the source and the cue ("has also repeatedly said").</summary>
    public static readonly HashSet<string> Between = new(StringComparer.OrdinalIgnoreCase)
    {
        "also", "has", "have", "had", "was", "were", "is", "are", "later", "previously", "repeatedly", "then", "further", "again",
        "recently", "often", "once", "publicly", "earlier", "separately", "similarly", "reportedly", "would", "will", "long", "never",
        "not", "did", "does", "do", "already", "just", "still", "first", "n't", "privately", "openly", "frequently", "explicitly",
        "flatly", "firmly", "strongly", "bluntly", "angrily", "simply", "even", "had", "may", "might", "could", "can", "should", "must",
        "once", "subsequently", "since", "initially", "originally", "has long", "consistently", "widely", "all", "both", "always", "hereby",
        "however", "instead", "too", "personally", "immediately", "ultimately", "quickly", "herself", "himself", "themselves", "itself",
    };

    /// <summary>Words that end a source phrase when walking left from the cue: clause openers and verbs.</summary>
    /// <summary>A manner adverb ("simultaneously", "strictly", "quickly"): a lower-case word in "-ly" that is not a noun ("family", "rally").
    /// It never names who speaks.</summary>
    public static bool IsMannerAdverb(string lower, bool lowerCaseInText) =>
        lowerCaseInText && lower.Length > 4 && lower.EndsWith("ly", StringComparison.Ordinal) && !NounsInLy.Contains(lower);

    private static readonly HashSet<string> NounsInLy = new(StringComparer.Ordinal)
    {
        "family", "assembly", "supply", "monopoly", "ally", "rally", "belly", "bully", "anomaly", "homily", "lily", "jelly", "folly", "melancholy",
    };

    public static readonly HashSet<string> SourceStops = new(StringComparer.OrdinalIgnoreCase)
    {
        "that", "which", "who", "whom", "whose", "but", "or", "while", "because", "as", "when", "although", "though", "since", "if",
        "after", "before", "where", "so", "yet", "then", "than", "is", "was", "are", "were", "be", "been", "being", "will", "would",
        "can", "could", "should", "may", "might", "must", "do", "does", "did", "has", "have", "had", "not", "to", "by", "into", "until",
        "unless", "whether", "what", "how", "why", "also", "however", "meanwhile", "moreover", "still", "now", "here", "there", "says",
        "said", "saying", "told", "added", "wrote", "noted",
    };

    /// <summary>Conjunctions that open a subordinate clause before the main one ("While X said …, Y …").</summary>
    public static readonly HashSet<string> Subordinators = new(StringComparer.OrdinalIgnoreCase)
    {
        "while", "although", "though", "whereas", "because", "since", "if", "when", "after", "before", "as", "once", "until", "unless",
    };

    /// <summary>Words a source phrase does not end with (prepositions, determiners, quantifiers): the walk left went past a clause boundary.</summary>
    public static readonly HashSet<string> NotSourceEnds = new(StringComparer.OrdinalIgnoreCase)
    {
        "in", "for", "of", "on", "at", "with", "from", "about", "against", "over", "under", "like", "the", "a", "an", "and", "or",
        "many", "any", "some", "much", "more", "most", "few", "no", "every", "each", "this", "these", "those", "very", "too",
        "just", "only", "even", "my", "your", "our", "his", "her", "its", "their", "held", "made", "got", "did", "new",
    };

    /// <summary>Personal pronouns that are a whole source mention on their own.</summary>
    public static readonly HashSet<string> Pronouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "he", "she", "they", "it", "we", "i", "you",
    };

    /// <summary>Words that open a time or place adverbial between the cue and its content ("said on Thursday that").</summary>
    public static readonly HashSet<string> AdverbialOpeners = new(StringComparer.OrdinalIgnoreCase)
    {
        "in", "on", "at", "during", "after", "before", "last", "this", "earlier", "later", "late", "early", "monday", "tuesday",
        "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today", "tonight", "recently", "previously",
        "again", "repeatedly", "also", "then", "publicly", "privately", "separately", "via", "through", "over", "from", "when",
        "while", "to", "of", "about", "with",
    };

    // Declared last: static fields initialise in text order and this one reads the lists above.
    /// <summary>Every cue verb: the hand list and the learned one.</summary>
    public static readonly HashSet<string> AllVerbs = new(Verbs.Concat(Learned).Concat(LearnedWeak).Concat(Stance), StringComparer.OrdinalIgnoreCase);

    /// <summary>Cue verbs that are not cues inside a quotation ("“We oppose it,” he said" has one attribution, not two).</summary>
    public static readonly HashSet<string> NotInQuotes = new(LearnedWeak.Concat(Stance).Where(w => !Verbs.Contains(w) && !Learned.Contains(w)), StringComparer.OrdinalIgnoreCase);

    // Participles that raise their subject: "X is said to have …", "a police chief alleged to have been responsible".
    private static readonly HashSet<string> RaisingParticiples = new(StringComparer.Ordinal)
    {
        "alleged", "said", "reported", "believed", "thought", "known", "rumored", "rumoured", "understood", "suspected", "reputed",
    };

    /// <summary>True when token <paramref name="i"/> is a participle followed by "to be" or "to have": what others say about its subject,
    /// who says nothing.</summary>
    internal static bool IsRaisingPassive(string[] lower, int i) =>
        i + 2 < lower.Length && RaisingParticiples.Contains(lower[i]) && lower[i + 1] == "to" && lower[i + 2] is "be" or "have";

    /// <summary>True when token <paramref name="i"/> is a passive participle ("were blocked and reported to the Office", "was referred to
    /// the court"): its subject underwent the reporting and "to" names where it went, so nothing was said.</summary>
    internal static bool IsPassiveTo(string[] lower, int i)
    {
        if (i + 1 >= lower.Length || lower[i + 1] != "to" || !lower[i].EndsWith("ed", StringComparison.Ordinal)) return false;
        int k = i - 1;
        while (k >= 0 && (lower[k].EndsWith("ly", StringComparison.Ordinal) || lower[k] is "not" or "also")) k--;
        if (k >= 0 && IsBe(lower[k])) return true;
        // The coordinated participle shares the first one's passive.
        return k >= 2 && lower[k] is "and" or "or" && lower[k - 1].EndsWith("ed", StringComparison.Ordinal) && IsBe(lower[k - 2]);
    }

    internal static bool IsBe(string w) => w is "be" or "been" or "being" or "is" or "are" or "was" or "were";

    /// <summary>Run-in headings and credit lines that look like speaker labels ("Editor's Note:", "Contributing: …"): no one speaks.</summary>
    internal static readonly HashSet<string> HeadingLabels = new(StringComparer.OrdinalIgnoreCase)
    {
        "contributing", "byline", "correction", "corrections", "update", "updated", "note", "editor's note", "editor’s note",
        "editors' note", "paid notice", "related", "watch", "read more", "photo", "video", "source", "sources", "disclaimer",
        "twitter", "facebook", "look", "so", "revealed", "advertisement", "credit", "clarification",
    };
}
