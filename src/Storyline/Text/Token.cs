using Storyline.Documents;

namespace Storyline.Text;

/// <summary>What a token is, as far as the tokenizer can tell without a tagger.</summary>
public enum TokenKind
{
    /// <summary>A word, possibly hyphenated or with an apostrophe ("COVID-19", "China’s").</summary>
    Word,
    /// <summary>An abbreviation or initial that keeps its period ("U.S.", "Dec.", "Mr.", "a.m.", "J.").</summary>
    Abbreviation,
    /// <summary>A number, with thousands separators, decimals, ordinal or decade suffix ("33,403", "2.51", "10th", "1990s", "10:30").</summary>
    Number,
    /// <summary>Ordinary punctuation: sentence-final marks, commas, colons, brackets, apostrophes.</summary>
    Punctuation,
    /// <summary>A quotation mark that opens a quote (“ ‘ « ``).</summary>
    OpenQuote,
    /// <summary>A quotation mark that closes a quote (” ’ » '').</summary>
    CloseQuote,
    /// <summary>A straight quotation mark whose direction the surrounding characters do not settle.</summary>
    AmbiguousQuote,
    /// <summary>A symbol such as a currency sign or percent sign.</summary>
    Symbol,
    /// <summary>An en or em dash, or a spaced hyphen.</summary>
    Dash,
    /// <summary>An ellipsis ("…" or "...").</summary>
    Ellipsis,
    /// <summary>A bullet that starts a list line.</summary>
    Bullet,
    /// <summary>A URL, e-mail address or domain name.</summary>
    Url,
}

/// <summary>One token: a span of the stored text and its kind.</summary>
public readonly record struct Token(TextSpan Span, TokenKind Kind)
{
    /// <summary>The token's text in <paramref name="text"/>.</summary>
    public string Text(string text) => Span.Slice(text);
}
