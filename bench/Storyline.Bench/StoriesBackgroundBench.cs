using System.CommandLine;
using Storyline.Entities;
using Storyline.Stories;
using Storyline.Training;

namespace Storyline.Bench;

/// <summary><c>stories-background --data CONLL_TRAIN --out PATH</c>: builds the background document-frequency table shipped with Storyline (reproducible: same input, same bytes).</summary>
public static class StoriesBackgroundBench
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "A CoNLL-format file whose -DOCSTART- documents are the background corpus", Required = true };
        var output = new Option<string>("--out") { Description = "Where to write the table", DefaultValueFactory = _ => "src/Storyline/Stories/Model/background-df.br" };
        var command = new Command("stories-background", "Build the background document frequencies for story clustering") { data, output };
        command.SetAction(parse =>
        {
            var documents = ConllCorpus.Read(parse.GetValue(data)!)
                .GroupBy(s => s.Document)
                .Select(g => string.Join("\n", g.Select(s => string.Join(' ', s.Tokens))))
                .ToList();
            var table = BackgroundFrequencies.Build(documents, new TermVectorizer(new TermVectorizerOptions()));
            var path = parse.GetValue(output)!;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            using (var file = File.Create(path)) table.Save(file);
            BenchOutput.Write(new { bench = "stories-background", documents = table.Documents, terms = table.Frequencies.Count, bytes = new FileInfo(path).Length });
            return 0;
        });
        return command;
    }
}
