using System.Text.RegularExpressions;

namespace Storyline.Cleaning;

/// <summary>Rules that judge one line on its own: page furniture, video players, captions, bylines, copyright and print notes.</summary>
internal static partial class LineRules
{
    // Whole lines that are page chrome on news sites and blogs: ads, promos, share bars, navigation, stray link texts.
    private static readonly HashSet<string> FurniturePhrases = new(StringComparer.OrdinalIgnoreCase)
    {
        "advertisement", "advertisment", "advert", "ad", "sponsored", "sponsored content", "paid content", "promoted",
        "get more with mynews", "a personalised news feed of stories that matter to you", "learn more",
        "secret link", "skip to content", "skip to main content", "skip to navigation", "back to top", "jump to",
        "share", "share this", "share this article", "share this story", "share this page", "share on facebook", "share on twitter",
        "share via email", "share full article", "tweet", "email", "print", "copy link", "link copied", "save", "save article",
        "bookmark", "listen", "listen to this article", "gift this article", "read more", "continue reading", "show more", "load more",
        "see more", "view more", "subscribe", "subscribe now", "sign up", "sign in", "log in", "login", "register", "newsletter",
        "menu", "search", "close", "next", "previous", "next article", "previous article", "next story", "related",
        "related articles", "related stories", "related content", "related topics", "related news", "more on this story",
        "more from this author", "most read", "most popular", "most viewed", "trending", "trending now", "recommended",
        "recommended for you", "you may also like", "you might also like", "topics", "tags", "follow us", "follow",
        "download the app", "watch", "watch video", "video", "play video", "click to expand", "image", "photo", "gallery",
        "enlarge", "enlarge image", "expand", "toggle caption", "hide caption", "view image", "view gallery", "open image",
        "this video is not available", "comments", "view comments", "show comments", "loading", "loading...", "top",
        "home", "print this page", "font size", "a a a", "text size", "facebook", "twitter", "whatsapp", "linkedin", "reddit",
        "telegram", "pinterest", "x", "more", "why you can trust us", "support our journalism",
    };

    /// <summary>True for a line that is page furniture and carries nothing of the article.</summary>
    public static bool IsFurniture(string line)
    {
        var key = line.Trim().TrimEnd(':', '›', '»', '>', '|').Trim();
        if (key.Length == 0) return true;
        if (FurniturePhrases.Contains(key)) return true;
        if (NumberOnly().IsMatch(key) || Counter().IsMatch(key)) return true;
        if (LinkPrefix().IsMatch(key) && TextShape.Words(key) <= 25) return true;
        if (PromoLine().IsMatch(key)) return true;
        // Wire credits for helpers ("Additional reporting by Reuters") name no author of this article.
        if (key.StartsWith("Additional reporting by ", StringComparison.OrdinalIgnoreCase) && TextShape.Words(key) <= 20) return true;
        return IsBreadcrumb(key);
    }

    /// <summary>True for a breadcrumb trail such as "Home &gt; News &gt; China".</summary>
    public static bool IsBreadcrumb(string line)
    {
        var m = Breadcrumb().Match(line);
        return m.Success && TextShape.Words(line) <= 12;
    }

    /// <summary>True for a video duration such as "03:47" or "1:02:15", printed by embedded players.</summary>
    public static bool IsDuration(string line) => Duration().IsMatch(line.Trim());

    /// <summary>True for the first line of a reader-comment form or thread: the article ends before it.</summary>
    public static bool IsCommentFormStart(string line) => CommentForm().IsMatch(line.Trim());

    /// <summary>A transcript speaker line ("Reporter from China Daily") names who asks next; it is structure, not furniture.</summary>
    public static bool IsSpeakerIntro(string line) => SpeakerIntro().IsMatch(line);

    /// <summary>"Label: text" lines (Q1: …, A: …, Host: …) are transcript or fact-box structure and stay in the body.</summary>
    public static bool IsLabelLine(string line)
    {
        var m = LabelLine().Match(line);
        return m.Success && TextShape.Words(m.Groups["label"].Value) <= 6;
    }

    /// <summary>Recognises a photo or video caption; <paramref name="caption"/> is the text to keep as a caption.</summary>
    public static bool TryCaption(string line, out string caption)
    {
        caption = line;
        if (TextShape.Words(line) > 90) return false;
        if (IsCredit(CreditAtEnd().Match(line)) || IsCredit(AgencyCredit().Match(line)) || CaptionStart().IsMatch(line) || BracketCredit().IsMatch(line))
            return true;
        // Alt text printed twice by the paste ("X stands with a flag X stands with a flag").
        var half = DoubledHalf(line);
        if (half is not null)
        {
            caption = half;
            return true;
        }
        return false;
    }

    // A credit names an agency or a person ("AP Photo", "Kyodo", "Reuters/Jane Roe"), never a clause ("soldiers marching").
    private static bool IsCredit(Match m)
    {
        if (!m.Success) return false;
        var credit = m.Groups["credit"].Value;
        return TextShape.Words(credit) <= 6 && TextShape.LowerContentWords(credit) == 0;
    }

    /// <summary>The phrase when <paramref name="line"/> is one phrase of three or more words written twice, else null.</summary>
    public static string? DoubledHalf(string line)
    {
        var t = line.Trim();
        if (t.Length < 11 || t.Length % 2 == 0) return null;
        int mid = t.Length / 2;
        if (t[mid] != ' ') return null;
        var first = t[..mid];
        return string.Equals(first, t[(mid + 1)..], StringComparison.Ordinal) && TextShape.Words(first) >= 3 ? first : null;
    }

    /// <summary>Recognises a byline ("By Alcott Wei,Xinlu Liang", "By Jane Roe and Tom Poe in Beijing") and returns the names.</summary>
    public static bool TryByline(string line, out List<string> names)
    {
        names = [];
        var m = Byline().Match(line.Trim());
        if (!m.Success || TextShape.EndsWithStop(line) || TextShape.Words(line) > 20) return false;
        foreach (var name in NameSeparator().Split(m.Groups["names"].Value))
        {
            var n = name.Trim();
            if (n.Length > 0) names.Add(n);
        }
        return names.Count is > 0 and <= 6;
    }

    /// <summary>Recognises a copyright line ("Copyright scmp", "© 2023 Reuters. All rights reserved."); the owner is a publisher hint.</summary>
    public static bool TryCopyright(string line, out string? owner)
    {
        owner = null;
        var m = Copyright().Match(line.Trim());
        if (!m.Success) return false;
        var name = m.Groups["owner"].Value.Trim().TrimEnd('.', ',').Trim();
        // "Copyright law is weak" is a sentence, not a notice: an owner is one token or a capitalised name.
        if (name.Contains(' ') && (TextShape.LowerContentWords(name) > 0 || !char.IsUpper(name[0]))) return false;
        owner = name.Length == 0 ? null : PublisherAliases.GetValueOrDefault(name, name);
        return true;
    }

    /// <summary>Recognises a print-edition note ("This article appeared in the South China Morning Post print edition as: …").</summary>
    public static bool TryPrintNote(string line, out string? publisher)
    {
        publisher = null;
        var m = PrintNote().Match(line.Trim());
        if (m.Success)
        {
            publisher = m.Groups["pub"].Value.Trim();
            return true;
        }
        return OtherPrintNote().IsMatch(line.Trim());
    }

    /// <summary>Recognises a dateline of the page ("Published: 3:00pm, 2 Sep, 2022"); <paramref name="isPublished"/> is false for "Updated".</summary>
    public static bool TryDateLine(string line, out bool isPublished)
    {
        isPublished = false;
        var m = DateLine().Match(line.Trim());
        if (!m.Success || TextShape.Words(line) > 12) return false;
        isPublished = !m.Groups["kind"].Value.StartsWith("u", StringComparison.OrdinalIgnoreCase)
            && !m.Groups["kind"].Value.StartsWith("last", StringComparison.OrdinalIgnoreCase);
        return true;
    }

    // Short names that copyright lines use for well-known publishers.
    private static readonly Dictionary<string, string> PublisherAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["scmp"] = "South China Morning Post",
        ["scmp.com"] = "South China Morning Post",
        ["nyt"] = "The New York Times",
        ["wsj"] = "The Wall Street Journal",
        ["ft"] = "Financial Times",
        ["wapo"] = "The Washington Post",
    };

    [GeneratedRegex(@"^\d{1,6}$")]
    private static partial Regex NumberOnly();

    // Gallery counters and pagination: "3/12", "3 of 12", "Page 2 of 5".
    [GeneratedRegex(@"^(?:Page\s+)?\d{1,3}\s*(?:/|of)\s*\d{1,3}$", RegexOptions.IgnoreCase)]
    private static partial Regex Counter();

    // Link labels that introduce a related article or action: "Read more: …", "RELATED: …", "Watch: …".
    [GeneratedRegex(@"^(?:read (?:more|also|next)|also read|see also|related(?: article| story| stories| content)?|recommended(?: reading)?|more on this|more from|watch|listen|click here|tap here|sign up|subscribe)\b\s*[:|>–—-]", RegexOptions.IgnoreCase)]
    private static partial Regex LinkPrefix();

    // Promotional or service lines that are never article text.
    [GeneratedRegex(@"^(?:(?:sign up|subscribe) (?:for|to) (?:our|the) .{0,60}newsletter.{0,40}|follow (?:us|[\p{L} ]{1,30}) on (?:twitter|facebook|instagram|x|linkedin|telegram|whatsapp).{0,40}|download (?:our|the) .{0,30}app.{0,40}|(?:we|this (?:site|website)) uses? cookies.{0,200}|please enable javascript.{0,120}|this content is (?:not available|unavailable).{0,80}|(?:\d+ )?comments?\s*\(?\d*\)?|share (?:on|via) .{1,30}|click (?:here )?to (?:share|email|print|copy|open|play|enlarge).{0,40})$", RegexOptions.IgnoreCase)]
    private static partial Regex PromoLine();

    [GeneratedRegex(@"^[\p{L}\p{N}&'’ .,-]{1,40}(?:\s*[>›»]\s*[\p{L}\p{N}&'’ .,-]{1,40}){1,6}$")]
    private static partial Regex Breadcrumb();

    [GeneratedRegex(@"^(?:\d{1,2}:)?\d{1,2}:\d{2}$")]
    private static partial Regex Duration();

    [GeneratedRegex(@"^(?:add a comment|leave a (?:reply|comment)|post a comment|write a comment|join the (?:conversation|discussion)|(?:show|view|load|read) (?:all )?\d*\s*comments?|comments? are closed\.?|your email address will not be published\b.*|required fields are marked\b.*|\d+ (?:comments?|replies|responses)(?: on .*)?)$", RegexOptions.IgnoreCase)]
    private static partial Regex CommentForm();

    [GeneratedRegex(@"^(?:reporters?|correspondents?|journalists?)\s+(?:from|of|with)\s+\S", RegexOptions.IgnoreCase)]
    private static partial Regex SpeakerIntro();

    [GeneratedRegex(@"^(?<label>[^:：.!?]{1,60})[:：]\s*\S")]
    private static partial Regex LabelLine();

    // A credit at the end of a caption: "… Photo: AP", "… Photo: AP Photo", "… Picture by Jane Roe", "… Image credit: Reuters".
    [GeneratedRegex(@"(?:^|[\s.(])(?i:photo(?:graph)?s?|pictures?|pics?|images?|illustrations?|graphics?|videos?|footage)(?:\s+(?i:credit|courtesy(?:\s+of)?))?(?:\s*[:：]\s*|\s+(?i:by|courtesy of)\s+(?=\p{Lu}))(?<credit>[\p{L}\p{N}][\p{L}\p{N} .,'’&/-]{0,60}?)\)?\.?$")]
    private static partial Regex CreditAtEnd();

    // Captions that announce themselves: "Photo taken on August 27, 2020 shows …", "This picture shows …", "File photo of …".
    [GeneratedRegex(@"^(?:(?:a|an|the|this)\s+)?(?:(?:file|undated|handout|aerial|combination|screen ?grab)\s+)?(?:photo(?:graph)?|picture|image|screenshot|screengrab|video grab|still)s?\s+(?:(?:taken|shot|released|provided|made)\b|shows?\b)", RegexOptions.IgnoreCase)]
    private static partial Regex CaptionStart();

    // Agency/photographer credits: "By Shutterstock.com / Alessia Pierdomenico.", "… Getty Images / Jane Roe".
    [GeneratedRegex(@"(?:\bBy\s+)?\b(?<agency>Shutterstock(?:\.com)?|Getty Images|AFP via Getty Images|Alamy(?: Stock Photo)?|Reuters|AP|AFP|EPA(?:-EFE)?|Xinhua|Bloomberg|Imaginechina|VCG|IC|CNS|Handout)\s*/\s*(?<credit>[\p{Lu}][\p{L} .'’-]{1,50}?)\)?\.?$")]
    private static partial Regex AgencyCredit();

    // Bracketed credits at the end: "(Xinhua/Wang Fei)", "[Photo/Xinhua]", "[Photo provided to China Daily]".
    [GeneratedRegex(@"(?:\((?:Xinhua|Reuters|AP|AFP|EPA|IC|VCG|CNS|Photo|Getty)\s*/\s*[^)]{1,50}\)|\[(?:Photo|Image|Picture)(?:/[^\]]{1,50}|\s+provided\s+to\s+[^\]]{1,50}|\s+by\s+[^\]]{1,50})?\])\.?$", RegexOptions.IgnoreCase)]
    private static partial Regex BracketCredit();

    private const string NamePattern = @"\p{Lu}[\p{L}'’.-]*(?:\s+(?:\p{Lu}[\p{L}'’.-]*|van|von|de|der|da|bin|al-\p{L}+))*";

    [GeneratedRegex(@"^(?i:(?:written |words |reporting |story )?by)\s+(?<names>" + NamePattern + @"(?:\s*(?:,|\band\b|&)\s*" + NamePattern + @")*)(?:\s+in\s+\p{Lu}[\p{L} ]{1,30})?(?:\s*[|•·,]\s*(?i:staff (?:writer|reporter)|reporter|correspondent|.{0,40}\d{4}.{0,20}))?(?:\s*;\s*(?i:(?:additional )?(?:writing|editing|reporting|compiled|graphics)(?: by)?)\b.{0,120})?$")]
    private static partial Regex Byline();

    [GeneratedRegex(@"\s*(?:,|\band\b|&)\s*")]
    private static partial Regex NameSeparator();

    [GeneratedRegex(@"^(?:copyright|©|\(c\))(?:\s*(?:©|\(c\)))?\s*(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\s*)?(?<owner>[^©]{0,60}?)\.?\s*(?:all rights reserved\.?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Copyright();

    [GeneratedRegex(@"^This (?:article|story) (?:first |originally )?appeared in (?:the )?(?<pub>[^,:]{2,60}?)(?:'s|’s)? print edition\b.*$", RegexOptions.IgnoreCase)]
    private static partial Regex PrintNote();

    [GeneratedRegex(@"^A version of this (?:article|story) (?:appears|appeared) in print\b.*$", RegexOptions.IgnoreCase)]
    private static partial Regex OtherPrintNote();

    [GeneratedRegex(@"^(?<kind>published|posted|first published|updated|last updated|last modified)(?:\s+on)?\s*[:：]?\s*(?:\p{L}{3,9},?\s+)?(?:\d{1,2}(?::\d{2})?\s*(?:am|pm)?,?\s+)?(?:\d{1,2}\s+\p{L}{3,9}\.?,?\s+\d{4}|\p{L}{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2})(?:\s*(?:,|at|-|–)?\s*\d{1,2}[:.]\d{2}\s*(?:am|pm)?(?:\s*[A-Z]{2,4})?)?\.?$", RegexOptions.IgnoreCase)]
    private static partial Regex DateLine();
}
