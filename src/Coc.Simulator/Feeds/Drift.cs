namespace Coc.Simulator.Feeds;

/// <summary>
/// Slow, mean-reverting wander around zero (an Ornstein–Uhlenbeck process), stepped exactly so the
/// result does not depend on the step size: the "it is a busier day than usual" part of a signal.
/// </summary>
internal sealed class Drift
{
    private readonly Random _random;
    private readonly double _sigma;
    private readonly double _timeConstantSeconds;

    /// <param name="sigma">Typical size of the wander (its stationary standard deviation).</param>
    /// <param name="timeConstant">How long the wander takes to forget its past.</param>
    public Drift(Random random, double sigma, TimeSpan timeConstant)
    {
        _random = random;
        _sigma = sigma;
        _timeConstantSeconds = timeConstant.TotalSeconds;
        // Start from the stationary distribution: no visible settling at start-up.
        Value = sigma * random.NextGaussian();
    }

    public double Value { get; private set; }

    public void Step(double seconds)
    {
        if (seconds <= 0)
        {
            return;
        }
        var keep = Math.Exp(-seconds / _timeConstantSeconds);
        Value = Value * keep + _sigma * Math.Sqrt(1 - keep * keep) * _random.NextGaussian();
    }
}
