namespace Storyline.Entities;

/// <summary>Word lists for titles, appositions, descriptions and names.</summary>
internal static class RoleLexicon
{
    // Nouns that head a title or a description of a person ("spokesman", "Secretary of State").
    public static readonly HashSet<string> Heads = new(StringComparer.OrdinalIgnoreCase)
    {
        "spokesman", "spokeswoman", "spokesperson", "president", "vice-president", "premier", "vice-premier", "minister", "vice-minister",
        "secretary", "undersecretary", "director", "director-general", "head", "chief", "boss", "professor", "lecturer", "expert", "analyst",
        "specialist", "scholar", "researcher", "fellow", "economist", "chairman", "chairwoman", "chair", "vice-chairman", "vice-chairwoman",
        "governor", "general", "leader", "member", "official", "ambassador", "envoy", "commissioner", "mayor", "senator", "lawmaker",
        "legislator", "representative", "congressman", "congresswoman", "chancellor", "king", "queen", "prince", "judge", "lawyer",
        "attorney", "activist", "journalist", "reporter", "editor", "correspondent", "founder", "co-founder", "ceo", "executive",
        "manager", "officer", "commander", "colonel", "captain", "admiral", "marshal", "diplomat", "adviser", "advisor", "consul",
        "counsellor", "host", "author", "writer", "dean", "rapporteur", "administrator", "coordinator", "prosecutor", "pope", "bishop",
        "imam", "emperor", "mp", "mep", "academic", "historian", "sociologist", "anthropologist", "researcher", "campaigner", "director",
        "deputy", "superintendent", "inspector", "sheriff", "negotiator", "delegate", "observer", "student", "worker", "resident",
    };

    // Words that modify a title ("foreign ministry spokesman", "former party chief").
    public static readonly HashSet<string> Modifiers = new(StringComparer.OrdinalIgnoreCase)
    {
        "foreign", "ministry", "affairs", "party", "former", "then", "deputy", "vice", "senior", "state", "human", "rights", "international",
        "relations", "security", "police", "military", "defence", "defense", "public", "regional", "local", "provincial", "national", "top",
        "chief", "executive", "general", "political", "communist", "commission", "committee", "department", "government", "trade",
        "finance", "economic", "health", "education", "justice", "interior", "home", "prime", "first", "acting", "assistant", "associate",
        "army", "opposition", "ruling", "press", "news", "media", "junior", "lead", "veteran", "retired", "incumbent", "outgoing",
        "legal", "science", "research", "policy", "county", "city", "district", "municipal", "council", "leading", "prominent",
        "exiled", "dissident", "rights", "law", "china", "affairs", "ethnic", "politics", "university", "senior", "principal", "special",
        "permanent", "federal", "provincial", "cabinet", "state-run", "independent", "award-winning", "investigative", "freelance",
    };

    // Small words allowed inside a title ("Secretary of State", "Director of the Ethnic Affairs Commission of XUAR").
    public static readonly HashSet<string> Connectors = new(StringComparer.Ordinal) { "of", "the", "and", "for", "at", "on", "in", "'s", "’s" };

    // Capitalised words that never belong to a title.
    public static readonly HashSet<string> NotTitle = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "in", "on", "at", "after", "before", "when", "while", "as", "but", "and", "or", "if", "since", "during",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may",
        "june", "july", "august", "september", "october", "november", "december", "asked", "meanwhile", "however", "also", "then",
        "photo", "by", "with", "from", "to", "for", "said", "says", "told", "this", "that", "these", "those", "his", "her", "their",
    };

    // Words that end an apposition that ran on without a closing comma ("The Grayzone, an independent news website has published").
    public static readonly HashSet<string> ClauseStarters = new(StringComparer.OrdinalIgnoreCase)
    {
        "is", "was", "are", "were", "has", "have", "had", "said", "says", "told", "will", "would", "can", "could", "did", "does",
        "added", "announced", "spoke", "agreed", "urged", "denied", "who", "which", "whose", "that", "warned", "argued", "claimed",
        "insisted", "wrote", "stated", "explained", "noted", "stressed", "believes", "thinks", "may", "might", "should", "must",
    };

    // Nouns that head the apposition of an organisation ("Chinese Human Rights Defenders, an NGO supported by the US government").
    public static readonly HashSet<string> OrganisationHeads = new(StringComparer.OrdinalIgnoreCase)
    {
        "ngo", "organisation", "organization", "group", "agency", "website", "outlet", "newspaper", "company", "firm", "university",
        "body", "institute", "charity", "network", "broadcaster", "watchdog", "coalition", "party", "tank",
    };

    // Description nouns and the class they belong to: "the analyst" may be a person introduced as a specialist.
    public static readonly Dictionary<string, string> DescriptionClass = new(StringComparer.OrdinalIgnoreCase)
    {
        ["spokesman"] = "spokes", ["spokeswoman"] = "spokes", ["spokesperson"] = "spokes",
        ["analyst"] = "analyst", ["expert"] = "analyst", ["specialist"] = "analyst", ["scholar"] = "analyst", ["professor"] = "analyst",
        ["academic"] = "analyst", ["researcher"] = "analyst", ["observer"] = "analyst", ["economist"] = "analyst",
        ["official"] = "official", ["minister"] = "official", ["diplomat"] = "official", ["envoy"] = "official", ["ambassador"] = "official",
        ["governor"] = "leader", ["chairman"] = "leader", ["chairwoman"] = "leader", ["president"] = "leader", ["premier"] = "leader",
        ["secretary"] = "leader", ["director"] = "leader", ["commissioner"] = "leader", ["chief"] = "leader", ["leader"] = "leader",
        ["lawyer"] = "lawyer", ["activist"] = "activist", ["journalist"] = "journalist", ["reporter"] = "journalist",
    };

    // Nouns of issued documents: "the statement" speaks for whoever issued it.
    public static readonly HashSet<string> DocumentNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "statement", "report", "letter", "communique", "study", "survey", "ruling", "announcement", "notice",
    };

    // Common Chinese family names: "Shi Yinhong" is called "Shi", "Mike Pompeo" is called "Pompeo".
    public static readonly HashSet<string> ChineseSurnames = new(StringComparer.OrdinalIgnoreCase)
    {
        "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma", "zhu", "hu", "guo", "he", "gao",
        "lin", "luo", "zheng", "liang", "xie", "song", "tang", "han", "feng", "deng", "cao", "peng", "zeng", "xiao", "tian", "dong",
        "pan", "yuan", "cai", "jiang", "yu", "du", "ye", "cheng", "wei", "su", "lu", "ding", "ren", "shen", "yao", "jin", "fu", "shi",
        "xi", "le", "qin", "fan", "fang", "kong", "bai", "cui", "kang", "mao", "qiu", "qian", "tan", "xiong", "hou", "shao", "meng",
        "long", "wan", "duan", "lei", "qian", "tang", "yin", "yan", "hao", "gong", "wen", "pang", "lan", "chang", "mo", "geng", "chu",
        "zou", "xiang", "lai", "bao", "ji", "dai", "nie", "niu", "hong", "rao", "lou", "zhong", "wong", "chan", "leung", "lam", "cheung",
        "ho", "ng", "lee", "tsang", "tsai", "chiang", "kuo", "hsu", "lai",
    };
}
