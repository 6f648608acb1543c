using Storyline.Documents;
using Storyline.Metadata;
using Storyline.Pipeline;

namespace Storyline.Cleaning;

/// <summary>Options for <see cref="FurnitureCleaningStage"/>.</summary>
/// <param name="MaxHeadingWords">Longest line, in words, that can be a heading, related-link headline or video title.</param>
/// <param name="MaxSummaryItems">Most bullets under the headline that are read as the standfirst.</param>
public sealed record FurnitureCleaningOptions(int MaxHeadingWords = 20, int MaxSummaryItems = 5);

/// <summary>Removes page furniture (ads, promos, comment forms, video players, related links, trailing junk) and moves metadata
/// lines (headline, section labels, standfirst, bylines, captions, copyright and print notes) into fields.</summary>
/// <remarks>
/// Runs in passes over the blocks: (1) rules that judge one line alone; (2) the page head before the first real paragraph:
/// section labels, headline, standfirst; (3) short lines inside the body, which are either the article's own subheadings
/// (kept as headings) or headlines of related articles dropped between paragraphs (removed); (4) junk after the last
/// paragraph. Block text is never edited, so sentences are never cut.
/// </remarks>
public sealed class FurnitureCleaningStage(FurnitureCleaningOptions options) : IDocumentStage
{
    private enum Role { Body, Drop, Caption, Title, Section, Summary }

    private sealed class Item(WorkingBlock block)
    {
        public BlockKind Kind { get; set; } = block.Kind;
        public string Text { get; } = block.Text.Trim();
        public Role Role { get; set; } = Role.Body;
        public int Words { get; } = TextShape.Words(block.Text);
        public string Key => _key ??= TextShape.Key(Text);
        private string? _key;
    }

    /// <inheritdoc />
    public void Process(DocumentContext context, CancellationToken cancellationToken)
    {
        var items = context.Blocks.Select(b => new Item(b)).ToList();
        JudgeLines(items, context);
        cancellationToken.ThrowIfCancellationRequested();
        ReadHead(items, context);
        JudgeShortLines(items);
        DropTrailingJunk(items);

        context.Blocks.Clear();
        foreach (var item in items)
        {
            switch (item.Role)
            {
                case Role.Body: context.Blocks.Add(new WorkingBlock(item.Kind, item.Text)); break;
                case Role.Caption: AddOnce(context.Captions, LineRules.DoubledHalf(item.Text) ?? item.Text); break;
                case Role.Section: AddOnce(context.Sections, item.Text); break;
                case Role.Summary: AddOnce(context.Summary, item.Text); break;
            }
        }
    }

    private static void AddOnce(List<string> list, string value)
    {
        if (!list.Contains(value, StringComparer.OrdinalIgnoreCase)) list.Add(value);
    }

    // Pass 1: each line on its own (plus the lines a video player prints after its duration).
    private void JudgeLines(List<Item> items, DocumentContext context)
    {
        bool seenParagraph = false;
        for (int i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var text = item.Text;
            if (item.Role != Role.Body) continue;
            if (text.Length == 0 || LineRules.IsFurniture(text)) { item.Role = Role.Drop; continue; }
            // The article ends where the reader-comment form starts; what follows is the form or other people's comments.
            if (seenParagraph && LineRules.IsCommentFormStart(text))
            {
                for (int j = i; j < items.Count; j++) items[j].Role = Role.Drop;
                return;
            }
            if (LineRules.IsDuration(text))
            {
                item.Role = Role.Drop;
                DropVideoTitles(items, i + 1);
                continue;
            }
            if (LineRules.TryCopyright(text, out var owner))
            {
                item.Role = Role.Drop;
                context.Publisher ??= owner;
                continue;
            }
            if (LineRules.TryPrintNote(text, out var printPublisher))
            {
                item.Role = Role.Drop;
                context.Publisher ??= printPublisher;
                continue;
            }
            if (LineRules.TryDateLine(text, out var isPublished))
            {
                item.Role = Role.Drop;
                if (isPublished && context.Published is null && DateFinder.FindAll(text).FirstOrDefault() is { } found)
                    context.Published = new PublicationDate(new DateTimeOffset(found.Date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), DateSource.Byline, text);
                continue;
            }
            if (LineRules.TryCaption(text, out _)) { item.Role = Role.Caption; continue; }
            if (item.Kind != BlockKind.ListItem && LineRules.TryByline(text, out var names))
            {
                item.Role = Role.Drop;
                foreach (var name in names) AddOnce(context.Authors, name);
                continue;
            }
            if (IsRealParagraph(item)) seenParagraph = true;
        }
    }

    // An embedded player prints its duration, then the video's title, often twice.
    private void DropVideoTitles(List<Item> items, int start)
    {
        if (start >= items.Count) return;
        var first = items[start];
        bool repeated = start + 1 < items.Count && items[start + 1].Key == first.Key;
        if (!repeated && (first.Words > options.MaxHeadingWords || TextShape.EndsWithStop(first.Text))) return;
        first.Role = Role.Drop;
        if (repeated) items[start + 1].Role = Role.Drop;
    }

    private static bool IsRealParagraph(Item item) =>
        item.Kind is BlockKind.Paragraph or BlockKind.Quote && (item.Words >= 25 || (item.Words >= 8 && TextShape.EndsClause(item.Text)));

    // Pass 2: the page head, everything before the first real paragraph.
    private void ReadHead(List<Item> items, DocumentContext context)
    {
        int bodyStart = items.FindIndex(i => i.Role == Role.Body && IsRealParagraph(i));
        if (bodyStart < 0) bodyStart = items.Count;

        int titleIndex = -1;
        if (context.Title is { } known)
        {
            var knownKey = TextShape.Key(known);
            titleIndex = items.FindIndex(0, bodyStart, i => i.Role == Role.Body && i.Key == knownKey);
        }
        else
        {
            // The headline is the longest headline-shaped line of the head; a line printed twice there (the page's own
            // title and the article's) wins. Section labels are the short lines above it.
            var copies = items.Take(bodyStart).Where(o => o.Role == Role.Body).CountBy(o => o.Key).ToDictionary();
            int bestScore = 0;
            for (int i = 0; i < bodyStart; i++)
            {
                var item = items[i];
                if (!IsHeadlineShaped(item) || item.Words < 3) continue;
                int score = item.Words + (copies[item.Key] > 1 ? 1000 : 0);
                if (score > bestScore) { bestScore = score; titleIndex = i; }
            }
            if (titleIndex >= 0) context.Title = items[titleIndex].Text;
        }
        if (titleIndex < 0) return;
        items[titleIndex].Role = Role.Title;
        var titleKey = items[titleIndex].Key;

        var sectionKeys = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < titleIndex; i++)
        {
            var item = items[i];
            if (item.Role == Role.Body && IsHeadlineShaped(item) && item.Words <= 6)
            {
                item.Role = Role.Section;
                sectionKeys.Add(item.Key);
            }
        }

        // Under the headline: repeats of the headline or of a section label go; a few bullets are the standfirst.
        var summary = new List<Item>();
        int after = titleIndex + 1;
        for (; after < items.Count; after++)
        {
            var item = items[after];
            if (item.Role != Role.Body) continue;
            var key = item.Key;
            if (key == titleKey) { item.Role = Role.Drop; continue; }
            if (item.Words <= 3 && sectionKeys.Contains(key)) { item.Role = Role.Drop; continue; }
            if (item.Kind == BlockKind.ListItem && summary.Count < options.MaxSummaryItems + 1) { summary.Add(item); continue; }
            break;
        }
        bool bodyFollows = after < items.Count;
        if (summary.Count > 0 && summary.Count <= options.MaxSummaryItems && bodyFollows)
        {
            foreach (var item in summary) item.Role = Role.Summary;
        }
        else if (summary.Count == 0 && after < items.Count && IsStandfirst(items, after))
        {
            items[after].Role = Role.Summary;
        }

        // The headline printed again further down (page footers, share boxes) is not body text.
        foreach (var item in items)
            if (item.Role == Role.Body && item.Key == titleKey) item.Role = Role.Drop;
    }

    // A short one-sentence paragraph right under the headline with the lead picture straight after it is the standfirst
    // (dek). Ledes run longer (25-40 words), so a short cap keeps a one-sentence lede above a photo in the body.
    private static bool IsStandfirst(List<Item> items, int index)
    {
        var item = items[index];
        if (item.Kind != BlockKind.Paragraph || item.Words > 25 || TextShape.Sentences(item.Text) != 1) return false;
        return index + 1 < items.Count && items[index + 1].Role == Role.Caption;
    }

    private static bool IsHeadlineShaped(Item item) =>
        item.Role == Role.Body && item.Kind is BlockKind.Paragraph or BlockKind.Heading
        && item.Words is > 0 and <= 30 && !TextShape.EndsWithStop(item.Text);

    // Pass 3: short unpunctuated lines inside the body.
    private void JudgeShortLines(List<Item> items)
    {
        var body = items.Where(i => i.Role == Role.Body).ToList();
        var copies = body.Where(IsShortLine).GroupBy(i => i.Key).Where(g => g.Count() > 1).SelectMany(g => g).ToHashSet();
        for (int k = 0; k < body.Count; k++)
        {
            var item = body[k];
            var prev = k > 0 ? body[k - 1] : null;
            var next = k + 1 < body.Count ? body[k + 1] : null;
            if (item.Kind == BlockKind.ListItem)
            {
                if (IsBulletHeading(item, prev, next)) item.Kind = BlockKind.Heading;
                continue;
            }
            if (item.Kind != BlockKind.Paragraph || !IsShortLine(item)) continue;
            if (LineRules.IsSpeakerIntro(item.Text) || LineRules.IsLabelLine(item.Text)) continue;
            // A headline printed twice in the body belongs to a related video or link box.
            if (copies.Contains(item)) { item.Role = Role.Drop; continue; }
            switch (JudgeShortLine(item, prev, next))
            {
                case Verdict.Heading: item.Kind = BlockKind.Heading; break;
                case Verdict.Drop: item.Role = Role.Drop; break;
            }
        }
    }

    private enum Verdict { Paragraph, Heading, Drop }

    private bool IsShortLine(Item item) =>
        item.Kind == BlockKind.Paragraph && item.Words <= options.MaxHeadingWords && !TextShape.EndsWithStop(item.Text)
        && TextShape.LastSignificant(item.Text) is not (':' or ',' or '!');

    // Section headings are written in Title Case or as a question and open a new run of paragraphs. Headlines of related
    // articles are sentence case, longer, quote with single quotes, and interrupt the flow: the paragraph before is left
    // mid-quote or mid-sentence, or the one after carries on (lower-case start, or a quotation with no new speaker).
    // A line that is itself part of a sentence broken by a hard line end stays a paragraph.
    private static Verdict JudgeShortLine(Item item, Item? prev, Item? next)
    {
        if (TextShape.StartsLower(item.Text) || TextShape.EndsWithFunctionWord(item.Text)) return Verdict.Paragraph;
        bool prevOpen = prev is not null && prev.Kind != BlockKind.Heading
            && (TextShape.HasOpenQuote(prev.Text) || (!TextShape.EndsClause(prev.Text) && prev.Words >= 8));
        bool nextCarriesOn = next is not null && TextShape.StartsLower(next.Text);
        if (nextCarriesOn && !prevOpen) return Verdict.Paragraph;
        if (prevOpen || nextCarriesOn || (next is { Kind: BlockKind.Paragraph } && TextShape.IsBareQuote(next.Text))) return Verdict.Drop;
        return LooksLikeSubheading(item) ? Verdict.Heading : Verdict.Drop;
    }

    private static bool LooksLikeSubheading(Item item)
    {
        if (TextShape.LastSignificant(item.Text) == '?' && item.Words > 12) return false;
        if (TextShape.IsTitleCase(item.Text)) return item.Words <= 9;
        if (TextShape.HasHeadlineQuote(item.Text)) return false;
        if (StartsAsQuestion(item.Text)) return item.Words <= 10;
        if (item.Words <= 4) return true;
        // A sentence-case line that names someone or somewhere ("Mike Pompeo demands China end …") is a news headline;
        // a plain noun phrase ("The situation in the camps") is how sentence-case sites write subheadings.
        return !TextShape.HasCapitalAfterFirstWord(item.Text) && item.Words <= 8;
    }

    private static bool StartsAsQuestion(string text)
    {
        var first = text.Split(' ', 2)[0];
        return first is "What" or "Why" or "How" or "Who" or "When" or "Where" or "Which" or "Whose" || TextShape.LastSignificant(text) == '?';
    }

    // Briefings print their section headings as bullets ("• The Story So Far") between bullets that are full sentences.
    private static bool IsBulletHeading(Item item, Item? prev, Item? next)
    {
        if (item.Words > 8 || next is null || TextShape.EndsWithStop(item.Text)) return false;
        if (!TextShape.IsTitleCase(item.Text)) return false;
        if (next.Words < 10) return false;
        return prev is null || prev.Kind != BlockKind.ListItem || prev.Words >= 10;
    }

    // Pass 4: after the last paragraph, short unpunctuated lines and bare numbers are page junk (share counts, page
    // numbers, the tail of a print note), and a heading with nothing under it heads nothing.
    private static void DropTrailingJunk(List<Item> items)
    {
        for (int i = items.Count - 1; i >= 0; i--)
        {
            var item = items[i];
            if (item.Role != Role.Body) continue;
            bool junk = item.Kind == BlockKind.Heading || (item.Words <= 3 && !TextShape.EndsClause(item.Text));
            if (!junk) return;
            item.Role = Role.Drop;
        }
    }
}
