namespace Storyline.Cli;

/// <summary>The exit codes every command uses (README, "Exit codes").</summary>
internal static class ExitCodes
{
    /// <summary>Everything asked for was done.</summary>
    public const int Ok = 0;

    /// <summary>Some inputs failed (the rest were done), an id was not found, or the store could not be opened.</summary>
    public const int Failed = 1;

    /// <summary>Usage: an unknown command or option, a missing argument, or a value an option does not take; nothing was done.</summary>
    public const int Usage = 2;

    /// <summary>Stopped by Ctrl+C before the end.</summary>
    public const int Cancelled = 130;
}
