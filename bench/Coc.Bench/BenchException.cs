namespace Coc.Bench;

/// <summary>A failure the user can act on: printed as one clear message, without a stack trace.</summary>
public sealed class BenchException(string message) : Exception(message);
