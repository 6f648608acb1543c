using Storyline.Web;

// Thin host: everything is wired in StorylineWebApp so that `storyline serve` and the tests run the same app.
await StorylineWebApp.Build(args).RunAsync();
