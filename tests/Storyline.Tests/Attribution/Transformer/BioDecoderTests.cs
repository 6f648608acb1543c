using Storyline.Attribution.Transformer;

namespace Storyline.Tests.Attribution.Transformer;

public class BioDecoderTests
{
    // Tags: O 0, B-Source 1, I-Source 2, B-Cue 3, I-Cue 4, B-Content 5, I-Content 6.
    private static float[] Best(int tag, float other = -5f)
    {
        var row = Enumerable.Repeat(other, 7).ToArray();
        row[tag] = -0.1f;
        return row;
    }

    private static float[][] Rows(params int[] tags) => [.. tags.Select(t => Best(t))];

    [Fact]
    public void Decode_Argmax_EachTokensBestTag()
    {
        BioDecoder.Decode(Rows(0, 6, 3, 1), BioDecoding.Argmax).ShouldBe([0, 6, 3, 1]);
    }

    [Fact]
    public void Decode_Merged_BeginAfterItsRoleContinuesTheSpan()
    {
        BioDecoder.Decode(Rows(5, 5, 3, 5), BioDecoding.Merged).ShouldBe([5, 6, 3, 5]);
    }

    [Fact]
    public void Decode_Viterbi_InsideAfterOtherRole_Replaced()
    {
        // Argmax reads I-Content after O and after a cue; Viterbi may not.
        var scores = new[] { Best(0), Best(6), Best(3), Best(6) };
        scores[1][5] = -0.5f; // B-Content the runner-up
        scores[3][5] = -0.5f;
        BioDecoder.Decode(scores, BioDecoding.Viterbi).ShouldBe([0, 5, 3, 5]);
    }

    [Fact]
    public void Decode_Viterbi_FirstTokenInside_NotAllowed()
    {
        var scores = new[] { Best(2), Best(2) };
        scores[0][1] = -0.4f;
        BioDecoder.Decode(scores, BioDecoding.Viterbi).ShouldBe([1, 2]);
    }

    [Fact]
    public void Decode_Joined_OneOrTwoOBetweenOneRole_OneSpan()
    {
        BioDecoder.Decode(Rows(3, 5, 6, 0, 5, 6, 0, 0, 5), BioDecoding.Joined).ShouldBe([3, 5, 6, 6, 6, 6, 6, 6, 6]);
    }

    [Fact]
    public void Decode_Joined_ThreeOOrOtherRoleBetween_KeptApart()
    {
        BioDecoder.Decode(Rows(5, 0, 0, 0, 5, 3, 5), BioDecoding.Joined).ShouldBe([5, 0, 0, 0, 5, 3, 5]);
        BioDecoder.Decode(Rows(1, 0, 5, 3), BioDecoding.Joined).ShouldBe([1, 0, 5, 3]);
    }

    [Fact]
    public void Decode_Joined_CuesACommaApart_KeptApart()
    {
        // "said, arguing": two statements' cues; a source's or a content's parts a comma apart are still joined.
        BioDecoder.Decode(Rows(3, 0, 3), BioDecoding.Joined).ShouldBe([3, 0, 3]);
        BioDecoder.Decode(Rows(1, 0, 1, 3), BioDecoding.Joined).ShouldBe([1, 2, 2, 3]);
    }

    [Fact]
    public void Decode_Joined_BeginAfterItsRoleAndTrailingO_Continues()
    {
        BioDecoder.Decode(Rows(1, 1, 3, 4, 0), BioDecoding.Joined).ShouldBe([1, 2, 3, 4, 0]);
    }

    [Fact]
    public void Decode_NullRowsAndEmpty_ReadAsO()
    {
        BioDecoder.Decode([null, Best(5)], BioDecoding.Joined).ShouldBe([0, 5]);
        BioDecoder.Decode([], BioDecoding.Joined).ShouldBeEmpty();
    }
}
