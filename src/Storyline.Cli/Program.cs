using Storyline.Cli;

// Thin host: the command tree is built in CliApp; each command lives in Commands/.
return await CliApp.RunAsync(args, Console.Out, Console.Error, TimeProvider.System);
