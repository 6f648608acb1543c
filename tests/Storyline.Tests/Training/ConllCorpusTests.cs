using Storyline.Entities;
using Storyline.Training;

namespace Storyline.Tests.Training;

public class ConllCorpusTests
{
    [Fact]
    public void Read_FourColumnsWithDocstart_SplitsSentencesAndDocuments()
    {
        const string text = """
            -DOCSTART- -X- -X- O

            EU NNP B-NP B-ORG
            rejects VBZ B-VP O

            Peter NNP B-NP B-PER
            Blackburn NNP I-NP I-PER

            -DOCSTART- -X- -X- O

            BRUSSELS NNP B-NP B-LOC
            """;
        var sentences = ConllCorpus.Read(new StringReader(text));

        sentences.Count.ShouldBe(3);
        sentences[0].Tokens.ShouldBe(["EU", "rejects"]);
        sentences[0].Tags.ShouldBe(["B-ORG", "O"]);
        sentences.Select(s => s.Document).ShouldBe([0, 0, 1]);
        ConllCorpus.Entities(sentences[1]).ShouldBe([new EntitySpan(0, 2, "PER")]);
    }
}
