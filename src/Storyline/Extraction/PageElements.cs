using AngleSharp.Dom;
using Storyline.Extraction.Dates;

namespace Storyline.Extraction;

/// <summary>The elements the metadata and date readers look at, listed in one walk of the document: each reader walking it again,
/// or a selector query, costs a full traversal, and an element's class, id and itemprop are read once for all of them.</summary>
internal sealed class PageElements
{
    /// <summary>Every meta element, in document order.</summary>
    public List<IElement> Metas { get; } = [];

    /// <summary>The first h1.</summary>
    public IElement? FirstH1 { get; private set; }

    /// <summary><c>time</c> elements with a datetime or pubdate attribute and itemprop=datePublished elements, in document order.</summary>
    public List<IElement> StatedDates { get; } = [];

    /// <summary>itemprop=author elements and author links (rel=author), in document order.</summary>
    public List<IElement> Bylines { get; } = [];

    /// <summary>Elements without itemprop whose class names a byline ("byline", "author-name"), in document order.</summary>
    public List<IElement> ClassBylines { get; } = [];

    /// <summary>The body's <c>time</c> elements, in document order.</summary>
    public List<IElement> BodyTimes { get; } = [];

    /// <summary>The body's elements other than meta that carry itemprop, in document order.</summary>
    public List<IElement> BodyMicrodata { get; } = [];

    /// <summary>The body's elements whose class, id or itemprop names a date or byline (<see cref="DateHints.IsDateElement"/>), in document order.</summary>
    public List<IElement> BodyDateNamed { get; } = [];

    // A page repeats its class names on hundreds of elements: each distinct name is tested once.
    private readonly Dictionary<string, bool> _bylineClasses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _dateNames = new(StringComparer.Ordinal);

    private PageElements()
    {
    }

    /// <summary>Lists the elements of <paramref name="document"/>.</summary>
    public static PageElements Of(IDocument document)
    {
        var found = new PageElements();
        if (document.DocumentElement is { } html) found.Walk(html, document.Body, false);
        return found;
    }

    // Indexed: AngleSharp's sibling properties search the parent's child list on every step.
    private void Walk(IElement parent, IElement? body, bool inBody)
    {
        var children = ((INode)parent).ChildNodes;
        for (int i = 0; i < children.Length; i++)
        {
            // The class, not the interface: a type test against an interface scans the node's interface list, and most nodes are text.
            if (children[i] is not Element e) continue;
            var tag = e.LocalName;
            string? cls = null, id = null, prop = null, rel = null;
            // One pass over the attributes (the parser keeps only a few) instead of a lookup per name.
            var attributes = ((IElement)e).Attributes;
            for (int a = 0; a < attributes.Length; a++)
            {
                var attribute = attributes[a]!;
                switch (attribute.Name)
                {
                    case "class": cls ??= attribute.Value; break;
                    case "id": id ??= attribute.Value; break;
                    case "itemprop": prop ??= attribute.Value; break;
                    case "rel": rel ??= attribute.Value; break;
                }
            }
            switch (tag)
            {
                case "meta": Metas.Add(e); break;
                case "h1": FirstH1 ??= e; break;
                case "time" when e.HasAttribute("datetime") || e.HasAttribute("pubdate"): StatedDates.Add(e); break;
            }
            if (prop is not null)
            {
                if (prop.Equals("datePublished", StringComparison.OrdinalIgnoreCase)) StatedDates.Add(e);
                else if (prop.Equals("author", StringComparison.OrdinalIgnoreCase)) Bylines.Add(e);
            }
            else if (tag == "a" && string.Equals(rel, "author", StringComparison.OrdinalIgnoreCase)) Bylines.Add(e);
            else if (cls is { Length: > 3 } && IsBylineClass(cls)) ClassBylines.Add(e);
            if (inBody)
            {
                if (tag == "time") BodyTimes.Add(e);
                if (prop is not null && tag != "meta") BodyMicrodata.Add(e);
                if (IsDateName(cls) || IsDateName(id) || IsDateName(prop)) BodyDateNamed.Add(e);
            }
            // The body element itself is not among the body's elements, only its descendants.
            if (tag != "meta") Walk(e, body, inBody || e == (object?)body);
        }
    }

    private bool IsBylineClass(string cls) => DateHints.Prefiltered(cls, PageMetadata.BylineWords)
        && (_bylineClasses.TryGetValue(cls, out var known) ? known : _bylineClasses[cls] = PageMetadata.BylineClass().IsMatch(cls));

    private bool IsDateName(string? name) => name is { Length: >= 4 }
        && (_dateNames.TryGetValue(name, out var known) ? known : _dateNames[name] = DateHints.IsDateElement(name));
}
