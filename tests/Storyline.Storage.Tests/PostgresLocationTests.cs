using Npgsql;
using Storyline.Storage.Postgres;

namespace Storyline.Storage.Tests;

/// <summary>What only the PostgreSQL provider has and needs no server for: reading store locations, building search queries and snippets.</summary>
public sealed class PostgresLocationTests
{
    [Theory]
    [InlineData("postgresql://postgres@127.0.0.1:5432/news", true)]
    [InlineData("postgres://reader@db/news", true)]
    [InlineData("Host=127.0.0.1;Port=5432;Database=news", true)]
    [InlineData("Username=reader; Host=db; Database=news", true)]
    [InlineData("/home/me/.local/share/storyline/storyline.db", false)]
    [InlineData("store.db", false)]
    [InlineData("/tmp/Host=x.db", false)]
    public void IsLocation_Location_TellsPostgresFromSqlitePaths(string location, bool expected) =>
        PostgresDocumentStore.IsLocation(location).ShouldBe(expected);

    [Fact]
    public void ToConnectionString_Uri_CarriesUserPasswordHostPortDatabaseAndParameters()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresDocumentStore.ToConnectionString(
            "postgresql://news%20reader:p%40ss@db.example:6543/news%2Dstore?sslmode=disable&application_name=storyline"));
        builder.Username.ShouldBe("news reader");
        builder.Password.ShouldBe("p@ss");
        builder.Host.ShouldBe("db.example");
        builder.Port.ShouldBe(6543);
        builder.Database.ShouldBe("news-store");
        builder.SslMode.ShouldBe(SslMode.Disable);
        builder.ApplicationName.ShouldBe("storyline");
    }

    [Fact]
    public void ToConnectionString_UriWithSocketFolder_UsesTheFolderAsHost()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresDocumentStore.ToConnectionString("postgresql://postgres@/news?host=/tmp/pg"));
        builder.Host.ShouldBe("/tmp/pg");
        builder.Database.ShouldBe("news");
        builder.Port.ShouldBe(5432);
    }

    [Fact]
    public void ToTsQuery_WordsPhrasesAndSyntax_EveryWordRequiredOperatorsNeutralised()
    {
        PostgresDocumentStore.ToTsQuery("tariffs \"cotton exports\"").ShouldBe("'tariffs' & ('cotton' <-> 'exports')");
        PostgresDocumentStore.ToTsQuery("NEAR( \"unbalanced * OR - ' & !").ShouldBe("'NEAR' & ('unbalanced' <-> 'OR')");
        PostgresDocumentStore.ToTsQuery(" ' & | ! ").ShouldBeEmpty();
    }

    [Fact]
    public void Restore_FragmentOfBlankedText_TextsOwnCharactersBackAndCutMarkedLikeSqliteSnippets()
    {
        const string text = "First sentence here. Cases of COVID-19 rose in the U.S. this year. Last words follow.";
        PostgresDocumentStore.Words(text).ShouldBe("First sentence here  Cases of COVID 19 rose in the U S  this year  Last words follow ");
        PostgresDocumentStore.Restore("Cases of COVID \u000219\u0003 rose in the U S  this year", text)
            .ShouldBe("…Cases of COVID-\u000219\u0003 rose in the U.S. this year…");
        PostgresDocumentStore.Restore("First sentence here  \u0002Cases\u0003", text).ShouldBe("First sentence here. \u0002Cases\u0003…");
        PostgresDocumentStore.Restore("Last \u0002words\u0003 follow", text).ShouldBe("…Last \u0002words\u0003 follow");
    }

    [Fact]
    public void Restore_QuotedPhrase_MarkedAsOneSpanLikeSqliteSnippets()
    {
        const string text = "Cases rose in the U.S. and in the United States Virgin Islands, officials in the U.S. said.";
        var phrases = PostgresDocumentStore.Phrases("cases \"u s\" \"united states\" \"islands\"");
        phrases.Count.ShouldBe(2);
        PostgresDocumentStore.Restore("\u0002Cases\u0003 rose in the \u0002U\u0003 \u0002S\u0003  and in the \u0002United\u0003 \u0002States\u0003 Virgin", text, phrases)
            .ShouldBe("\u0002Cases\u0003 rose in the \u0002U.S\u0003. and in the \u0002United States\u0003 Virgin…");
        // Words of a phrase marked apart from each other (another word between them) stay apart.
        PostgresDocumentStore.JoinPhrases("\u0002U\u0003 and \u0002S\u0003", phrases).ShouldBe("\u0002U\u0003 and \u0002S\u0003");
    }
}
