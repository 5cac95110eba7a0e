namespace Coc.Storage.Influx;

/// <summary>A query InfluxDB could not answer (unreachable, refused, or an error in the answer).</summary>
public sealed class InfluxException : Exception
{
    public InfluxException()
    {
    }

    public InfluxException(string message)
        : base(message)
    {
    }

    public InfluxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
