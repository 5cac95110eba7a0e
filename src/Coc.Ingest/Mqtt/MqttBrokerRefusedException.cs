namespace Coc.Ingest.Mqtt;

/// <summary>The broker answered, and said no: a refused CONNECT or SUBSCRIBE.</summary>
public sealed class MqttBrokerRefusedException(string message) : Exception(message);
