using Storyline.Documents;
using Storyline.Entities;
using Storyline.Text;

namespace Storyline.Tests.Entities;

public class EntityResolverTests
{
    private static readonly EntityResolver Resolver = new();

    private static DocumentEntities Resolve(string text, string document = "doc 1", EntityResolver? resolver = null)
    {
        var analysis = new TextAnalyzer().Analyze(text);
        var named = new NamedEntityRecognizer().Recognize(text, analysis);
        return (resolver ?? Resolver).Resolve(text, analysis, named, document);
    }

    private static TextSpan SpanOf(string text, string phrase, int occurrence = 0)
    {
        int index = -1;
        for (int i = 0; i <= occurrence; i++)
        {
            index = text.IndexOf(phrase, index + 1, StringComparison.Ordinal);
            index.ShouldBeGreaterThanOrEqualTo(0, $"'{phrase}' #{occurrence} not in the text");
        }
        return new TextSpan(index, phrase.Length);
    }

    private static ResolvedEntity Entity(string text, DocumentEntities result, string phrase, int occurrence = 0) =>
        result.Resolve(SpanOf(text, phrase, occurrence)).ShouldNotBeNull($"'{phrase}' #{occurrence} resolved to nothing");

    [Fact]
    public void Resolve_FullNameReadAsPersonThenAsOrganisation_OnePersonWithTheRole()
    {
        // The recogniser reads "Elijan Anayit" after "goes to" as an organisation; the first reading, a person with a role, holds.
        const string text = "The press conference invited the Spokesperson of the Information Office of the People’s Government of XUAR Elijan Anayit. " +
            "They will answer questions from you.\n\nQ1: What’s your response to the sanctions?\n\nXu Guixiang: This question goes to Elijan Anayit.";
        var result = Resolve(text);
        var first = Entity(text, result, "Elijan Anayit");
        var later = Entity(text, result, "Elijan Anayit", 1);
        later.Key.ShouldBe(first.Key);
        later.Type.ShouldBe(EntityTypes.Person);
        later.Roles.ShouldNotBeEmpty();
    }

    [Fact]
    public void Resolve_TitleBeforeName_GivesRole()
    {
        const string text = "On Friday, foreign ministry spokesman Zhao Lijian said China would take reciprocal action against the institutions.";
        var zhao = Entity(text, Resolve(text), "Zhao Lijian");
        zhao.Key.ShouldBe("person:zhao lijian");
        zhao.Type.ShouldBe(EntityTypes.Person);
        zhao.Roles.ShouldContain("foreign ministry spokesman");
    }

    [Fact]
    public void Resolve_AppositionWithFor_GivesRoleAffiliationAndStatementIssuer()
    {
        const string text = "In a statement published on Thursday, Liu Yuyin, a spokesman for the Chinese mission at the UN, said the report was a farce.\n\n" +
            "\u201CThe so-called assessment uses disinformation,\u201D the statement said.";
        var result = Resolve(text);
        var liu = Entity(text, result, "Liu Yuyin");
        liu.Roles.ShouldContain("spokesman for the Chinese mission at the UN");
        liu.Affiliations.ShouldContain("Chinese mission at the UN");
        liu.Affiliations.ShouldContain("United Nations");
        Entity(text, result, "the statement").Key.ShouldBe(liu.Key);
    }

    [Fact]
    public void Resolve_ProfessorAtUniversity_AffiliationIsCanonicalUniversity()
    {
        const string text = "Shi Yinhong, an international relations professor at Renmin University, said China had the right to denounce the report.\n\n" +
            "\u201CThis report was not produced by the UN,\u201D said Shi.";
        var result = Resolve(text);
        var shi = Entity(text, result, "Shi Yinhong");
        shi.Roles.ShouldContain("international relations professor");
        shi.Affiliations.ShouldContain("Renmin University of China");
        Entity(text, result, "Shi", 1).Key.ShouldBe(shi.Key);
        result.Mentions.ShouldContain(m => m.Span == SpanOf(text, "Shi", 1) && m.Kind == MentionKind.Surname);
        // The attribution stage passes whole noun phrases.
        result.Resolve(SpanOf(text, "Shi Yinhong, an international relations professor at Renmin University"))!.Key.ShouldBe(shi.Key);
    }

    [Fact]
    public void Resolve_SurnameApposition_RoleGoesToThePersonWithThatSurname()
    {
        const string text = "The sanctions named Chen Quanguo, the Communist Party chief of the Xinjiang Uygur autonomous region, and three other officials.\n\n" +
            "Chen, a Politburo member, is the highest ranking Chinese official to be sanctioned by the US government.";
        var chen = Entity(text, Resolve(text), "Chen,");
        chen.Key.ShouldBe("person:chen quanguo");
        chen.Roles.ShouldContain("Politburo member");
        chen.Affiliations.ShouldContain("Xinjiang Uygur Autonomous Region");
    }

    [Fact]
    public void Resolve_ThenViceMinister_RoleWithoutThen()
    {
        const string text = "In 2021, then vice-minister for foreign affairs Le Yucheng said US sanctions against businesses aimed to cause forced unemployment.";
        Entity(text, Resolve(text), "Le Yucheng").Roles.ShouldContain("vice-minister for foreign affairs");
    }

    [Fact]
    public void Resolve_SecretaryOfState_RoleAffiliationAndWesternSurname()
    {
        const string text = "US Secretary of State Mike Pompeo said the officials were responsible for the abuses.\n\n" +
            "In October, Pompeo announced visa restrictions on a group of unspecified officials.";
        var result = Resolve(text);
        var pompeo = Entity(text, result, "Mike Pompeo");
        pompeo.Roles.ShouldContain("US Secretary of State");
        pompeo.Affiliations.ShouldContain("United States");
        Entity(text, result, "Pompeo", 1).Key.ShouldBe(pompeo.Key);
    }

    [Fact]
    public void Resolve_NationalityTitle_AffiliationIsTheCountry()
    {
        const string text = "Chinese President Xi Jinping arrived in Urumqi on Tuesday to attend the celebrations. Xi urged officials to maintain stability.";
        var result = Resolve(text);
        var xi = Entity(text, result, "Xi Jinping");
        xi.Roles.ShouldContain("Chinese President");
        xi.Affiliations.ShouldContain("China");
        Entity(text, result, "Xi urged").Key.ShouldBe(xi.Key);
    }

    [Fact]
    public void Resolve_ExpertAtUniversityOfScience_RoleAndAffiliation()
    {
        const string text = "Barry Sautman, an expert on China's ethnic politics at the Hong Kong University of Science and Technology, agreed that the sanctions would change little.";
        var sautman = Entity(text, Resolve(text), "Barry Sautman");
        sautman.Roles.ShouldContain("expert on China's ethnic politics");
        sautman.Affiliations.ShouldContain("Hong Kong University of Science and Technology");
    }

    [Fact]
    public void Resolve_TranscriptListOfTitledPeople_EachGetsItsOwnTitle()
    {
        const string text = "The press conference invited the Spokesperson of the Information Office of the People's Government of XUAR Elijan Anayit, " +
            "the Director of the Education Department of XUAR Parhat Azim, the Director of the Ethnic Affairs Commission of XUAR Mehmut Usman. They will answer questions.";
        var result = Resolve(text);
        Entity(text, result, "Mehmut Usman").Roles.ShouldContain("Director of the Ethnic Affairs Commission of XUAR");
        Entity(text, result, "Parhat Azim").Roles.ShouldContain("Director of the Education Department of XUAR");
        Entity(text, result, "Elijan Anayit").Roles.ShouldContain("Spokesperson of the Information Office of the People's Government of XUAR");
        Entity(text, result, "Mehmut Usman").Affiliations.ShouldContain("Xinjiang Uygur Autonomous Region");
    }

    [Fact]
    public void Resolve_SpellingVariants_OneGroup()
    {
        const string text = "Rights groups say Uygurs have been detained. Uyghur activists abroad agree, and many Uighurs have fled the country.";
        var result = Resolve(text);
        Entity(text, result, "Uygurs").Key.ShouldBe("group:uygur");
        Entity(text, result, "Uyghur").Key.ShouldBe("group:uygur");
        Entity(text, result, "Uighurs").Key.ShouldBe("group:uygur");
    }

    [Fact]
    public void Resolve_AcronymDefinedInText_IsLearned()
    {
        const string text = "On July 31, the US announced sanctions on the Xinjiang Production and Construction Corps (XPCC, commonly known as Bingtuan) and its officials.\n\n" +
            "The XPCC runs farms and towns. Bingtuan officials said the sanctions were unfair.\n\n" +
            "A reporter from the Northern Grain Logistics Bureau (NGLB) asked a question. The NGLB later published the answer.";
        var result = Resolve(text);
        var corps = Entity(text, result, "Xinjiang Production and Construction Corps");
        corps.Key.ShouldBe("organisation:xinjiang production and construction corps");
        Entity(text, result, "XPCC", 1).Key.ShouldBe(corps.Key);
        Entity(text, result, "Bingtuan", 1).Key.ShouldBe(corps.Key);
        Entity(text, result, "NGLB", 1).Key.ShouldBe("organisation:northern grain logistics bureau");
        result.Mentions.ShouldContain(m => m.Span == SpanOf(text, "NGLB", 1) && m.Kind == MentionKind.Acronym);
    }

    [Fact]
    public void Resolve_RegionVariants_OneCanonicalRegion()
    {
        const string text = "Officials of the Xinjiang Uygur Autonomous Region spoke on Friday. The XUAR government said Xinjiang had seen no attacks.";
        var result = Resolve(text);
        Entity(text, result, "Xinjiang Uygur Autonomous Region").Key.ShouldBe("place:xinjiang uygur autonomous region");
        Entity(text, result, "XUAR").Key.ShouldBe("place:xinjiang uygur autonomous region");
        Entity(text, result, "Xinjiang had").Key.ShouldBe("place:xinjiang uygur autonomous region");
    }

    [Fact]
    public void Resolve_CapitalThatActs_IsTheGovernmentButCityAfterPreposition()
    {
        const string text = "Washington has imposed a series of sanctions since 2019, and the U.S. Treasury named more firms. Beijing denied the accusations.\n\n" +
            "The only previous target was Gao Yan, a former police chief in Beijing, and the United States said so.";
        var result = Resolve(text);
        Entity(text, result, "Washington").Key.ShouldBe("place:united states");
        Entity(text, result, "United States").Key.ShouldBe("place:united states");
        Entity(text, result, "Beijing").Key.ShouldBe("place:china");
        Entity(text, result, "Beijing", 1).Key.ShouldBe("place:beijing");
    }

    [Fact]
    public void Resolve_UserAliasFile_ExtendsTheDefault()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "# test\nOrganisation | Global Cotton Alliance | GCA | Cotton Alliance\n");
            var resolver = new EntityResolver(new EntityResolverOptions(AliasFile: file));
            const string text = "The GCA said on Monday that members would stop buying. The US said it welcomed the move.";
            var result = Resolve(text, resolver: resolver);
            Entity(text, result, "GCA").Key.ShouldBe("organisation:global cotton alliance");
            Entity(text, result, "US").Key.ShouldBe("place:united states");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Resolve_TwoPeopleWithOneSurname_NearestPrecedingFullNameWins()
    {
        const string text = "Wang Yiwei, another international relations professor with Renmin University, said the report was biased.\n\n" +
            "\u201CThere was intense Western pressure,\u201D Wang said.\n\n" +
            "At a regular press briefing on Thursday, foreign ministry spokesman Wang Wenbin said the report was illegal.\n\n" +
            "\u201CThe report is a hodgepodge of misinformation,\u201D Wang added.";
        var result = Resolve(text);
        Entity(text, result, "Wang said").Key.ShouldBe("person:wang yiwei");
        Entity(text, result, "Wang added").Key.ShouldBe("person:wang wenbin");
        Entity(text, result, "Wang Wenbin").Roles.ShouldContain("foreign ministry spokesman");
    }

    [Fact]
    public void Resolve_Pronoun_RefersToLastPersonOutsideQuotes()
    {
        const string text = "Foreign ministry spokesman Zhao Lijian said the details would be out very soon.\n\n" +
            "He also urged the US to withdraw its sanctions, and said China's stance was unshakeable.";
        var result = Resolve(text);
        Entity(text, result, "He").Key.ShouldBe("person:zhao lijian");
        result.Mentions.ShouldContain(m => m.Span == SpanOf(text, "He") && m.Kind == MentionKind.Pronoun);
    }

    [Fact]
    public void Resolve_PronounOpeningASentence_ContinuesThePreviousSentencesSubject()
    {
        const string text = "President Xi Jinping was accompanied by high-ranking officials, including Wang Huning and Cai Qi, during the visit.\n\n" +
            "He said the region should play a bigger role in the economy.";
        var result = Resolve(text);
        Entity(text, result, "He said").Key.ShouldBe("person:xi jinping");
    }

    [Fact]
    public void Resolve_PronounInsideASentence_NearestPerson()
    {
        const string text = "President Xi Jinping met Cai Qi on Tuesday, and Cai said he would visit the region again.";
        var result = Resolve(text);
        Entity(text, result, "he would").Key.ShouldBe("person:cai qi");
    }

    [Fact]
    public void Resolve_AnonymousSource_DescriptionAndPronounReferToIt()
    {
        const string text = "One Chinese international affairs specialist, speaking on condition of anonymity, said the commissioner changed her mind after the visit.\n\n" +
            "\u201CIt is unclear what exactly transpired,\u201D said the analyst.\n\n" +
            "He said China could manage the situation by seeking common ground.";
        var result = Resolve(text);
        var anonymous = Entity(text, result, "the analyst");
        anonymous.Name.ShouldBe("an unnamed Chinese international affairs specialist");
        anonymous.Key.ShouldStartWith("person:doc 1/");
        anonymous.IsDocumentLocal.ShouldBeTrue();
        Entity(text, result, "One Chinese international affairs specialist").Key.ShouldBe(anonymous.Key);
        Entity(text, result, "He said").Key.ShouldBe(anonymous.Key);
    }

    [Fact]
    public void Resolve_TheSpokesman_IsTheMostRecentSpokesman()
    {
        const string text = "Foreign ministry spokesman Zhao Lijian spoke on Friday about the sanctions.\n\n" +
            "Shi Yinhong, a professor at Renmin University, said the measures would not change much.\n\n" +
            "The spokesman said China would take reciprocal action.";
        Entity(text, Resolve(text), "The spokesman").Key.ShouldBe("person:zhao lijian");
    }

    [Fact]
    public void Resolve_SamePersonInTwoDocuments_SameKey()
    {
        const string first = "Foreign ministry spokesman Zhao Lijian said on Friday that China would respond.";
        const string second = "Zhao Lijian, a spokesman for the Chinese foreign ministry, told reporters the measures were coming.";
        var a = Entity(first, Resolve(first, "doc 1"), "Zhao Lijian");
        var b = Entity(second, Resolve(second, "doc 2"), "Zhao Lijian");
        a.Key.ShouldBe(b.Key);
        a.Roles.ShouldNotBe(b.Roles);
    }

    [Fact]
    public void Resolve_SameSurnameInTwoDocuments_DifferentPeopleStayApart()
    {
        const string first = "Wang Yiwei, a professor at Renmin University, said the report was biased. Wang said the West was to blame.";
        const string second = "Foreign ministry spokesman Wang Wenbin said the report was illegal. Wang said it was a political tool.";
        var a = Entity(first, Resolve(first, "doc 1"), "Wang said");
        var b = Entity(second, Resolve(second, "doc 2"), "Wang said");
        a.Key.ShouldBe("person:wang yiwei");
        b.Key.ShouldBe("person:wang wenbin");
    }

    [Fact]
    public void Resolve_SurnameNeverGivenInFull_StaysInsideTheDocument()
    {
        const string text = "The sanctions were justified, officials in the capital said on Monday, and Pompeo agreed with them.";
        var pompeo = Entity(text, Resolve(text, "doc 9"), "Pompeo");
        pompeo.Key.ShouldBe("person:doc 9/pompeo");
        pompeo.IsDocumentLocal.ShouldBeTrue();
    }

    [Fact]
    public void Resolve_OrganisationNamedLikeAPerson_IsNoPerson()
    {
        const string text = "It is known that such rumors were spread by Chinese Human Rights Defenders, an NGO supported by the US government.";
        var result = Resolve(text);
        result.Entities.ShouldNotContain(e => e.Type == EntityTypes.Person);
    }

    [Fact]
    public void Resolve_SpanWithoutMentions_ReturnsNull()
    {
        const string text = "The weather was mild on Tuesday and the markets were calm.";
        Resolve(text).Resolve(SpanOf(text, "the markets")).ShouldBeNull();
    }

    [Fact]
    public void Parse_AliasLine_ReadsMetonymsAndAdjectives()
    {
        var entries = AliasTable.Parse("# comment\nPlace | China | PRC | ~Beijing | @Chinese\n\nGroup | Uygur | Uyghur # spelling\n");
        entries.Count.ShouldBe(2);
        entries[0].Type.ShouldBe(EntityTypes.Place);
        entries[0].Variants.ShouldContain(("Beijing", AliasUse.Metonym));
        entries[0].Variants.ShouldContain(("Chinese", AliasUse.Adjective));
        entries[1].Variants.ShouldBe([("Uyghur", AliasUse.Name)]);
    }
}
