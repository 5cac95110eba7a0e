namespace Coc.Simulator.Feeds;

/// <summary>One step of simulated time: its end, its length, and the rain that other feeds react to.</summary>
internal readonly record struct StepContext(DateTimeOffset Time, double Seconds, double RainMmPerHour);
