"""Declaring a model: its ModelSpec on the compacted models topic, key = model id, as the Java programs do."""
from confluent_kafka import KafkaException, Producer

from .wire import Serializer


def declare(settings, registry, spec, register_schema=True):
    """Publishes `spec` (a dict in the ModelSpec schema's shape; fields with defaults may be left out)."""
    topic = settings.topic("models")
    value = Serializer(registry, topic, "ModelSpec", register_schema)(spec)
    producer = Producer(dict(settings.kafka(), **{"enable.idempotence": True, "acks": "all"}))
    failures = []
    producer.produce(topic, key=spec["modelId"].encode("utf-8"), value=value,
                     on_delivery=lambda error, message: error is not None and failures.append(error))
    if producer.flush(60) > 0 or failures:
        raise KafkaException(failures[0] if failures else "the ModelSpec was not delivered within 60 s")
