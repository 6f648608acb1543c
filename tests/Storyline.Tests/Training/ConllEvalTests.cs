using Storyline.Entities;
using Storyline.Training;

namespace Storyline.Tests.Training;

public class ConllEvalTests
{
    [Fact]
    public void Chunks_Iob2_ReadsSpansWithTypes()
    {
        var chunks = ConllEval.Chunks(["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-LOC"]);
        chunks.ShouldBe([new EntitySpan(0, 2, "PER"), new EntitySpan(3, 4, "LOC"), new EntitySpan(4, 6, "LOC")]);
    }

    [Fact]
    public void Chunks_Iob1_InsideAfterOutsideStartsChunk()
    {
        // IOB1: I- opens a chunk; B- only separates two adjacent chunks of one type.
        var chunks = ConllEval.Chunks(["I-ORG", "I-ORG", "O", "I-PER", "B-PER", "O"]);
        chunks.ShouldBe([new EntitySpan(0, 2, "ORG"), new EntitySpan(3, 4, "PER"), new EntitySpan(4, 5, "PER")]);
    }

    [Fact]
    public void Chunks_TypeChangeWithoutBegin_SplitsChunk()
    {
        var chunks = ConllEval.Chunks(["B-PER", "I-ORG", "I-ORG"]);
        chunks.ShouldBe([new EntitySpan(0, 1, "PER"), new EntitySpan(1, 3, "ORG")]);
    }

    [Fact]
    public void Chunks_Iobes_ReadsEndsAndSingles()
    {
        var chunks = ConllEval.Chunks(["B-ORG", "E-ORG", "S-LOC", "S-LOC", "O"]);
        chunks.ShouldBe([new EntitySpan(0, 2, "ORG"), new EntitySpan(2, 3, "LOC"), new EntitySpan(3, 4, "LOC")]);
    }

    [Fact]
    public void Add_HandComputedSentence_CountsExactSpanAndTypeOnly()
    {
        // Gold: PER[0,2) LOC[3,4) ORG[5,6). Guess: PER[0,2) right; ORG[3,4) wrong type; ORG[5,7) wrong end.
        var eval = new ConllEval();
        eval.Add(["B-PER", "I-PER", "O", "B-LOC", "O", "B-ORG", "O"], ["B-PER", "I-PER", "O", "B-ORG", "O", "B-ORG", "I-ORG"]);

        eval.Overall.ShouldBe(new ChunkScore("ALL", 3, 3, 1));
        eval.Overall.Precision.ShouldBe(1.0 / 3, 1e-12);
        eval.Overall.Recall.ShouldBe(1.0 / 3, 1e-12);
        eval.Overall.F1.ShouldBe(1.0 / 3, 1e-12);
        eval.ByType.ShouldBe([new ChunkScore("LOC", 1, 0, 0), new ChunkScore("ORG", 1, 2, 0), new ChunkScore("PER", 1, 1, 1)]);
        eval.TokenAccuracy.ShouldBe(5.0 / 7, 1e-12);
    }

    [Fact]
    public void Add_TwoSentences_MicroAveragesOverAllEntities()
    {
        var eval = new ConllEval();
        eval.Add(["B-PER", "O", "B-LOC"], ["B-PER", "O", "O"]);          // gold 2, guessed 1, correct 1
        eval.Add(["O", "B-MISC", "I-MISC"], ["B-ORG", "B-MISC", "I-MISC"]); // gold 1, guessed 2, correct 1
        var all = eval.Overall;
        all.Precision.ShouldBe(2.0 / 3, 1e-12);
        all.Recall.ShouldBe(2.0 / 3, 1e-12);
        all.F1.ShouldBe(2.0 / 3, 1e-12);
    }

    [Fact]
    public void Scores_NothingGuessedOrGold_AreZeroNotNaN()
    {
        var eval = new ConllEval();
        eval.Add(["O", "O"], ["O", "O"]);
        eval.Overall.F1.ShouldBe(0);
        eval.Overall.Precision.ShouldBe(0);
    }

    [Fact]
    public void Add_DifferentLengths_Throws() =>
        Should.Throw<ArgumentException>(() => new ConllEval().Add(["O"], ["O", "O"]));
}
