"""Publishing Steps: Confluent's wire format, keyed by episode id, through an idempotent producer."""
import datetime

from confluent_kafka import KafkaException, Producer

from .wire import Serializer


class StepPublisher:
    """Sends each Step to the steps topic; a failed delivery is raised at the next `publish` or `flush`."""

    def __init__(self, settings, registry, register_schema=True):
        self.topic = settings.topic("steps")
        self.serialize = Serializer(registry, self.topic, "Step", register_schema)
        config = settings.kafka()
        config.update({"enable.idempotence": True, "acks": "all", "linger.ms": 5})
        self.producer = Producer(config)
        self.failure = None

    def publish(self, step):
        self._raise_failure()
        value = self.serialize(step)
        while True:
            try:
                self.producer.produce(self.topic, key=step["episodeId"].encode("utf-8"), value=value,
                                      on_delivery=self._delivered)
                break
            except BufferError:  # the local queue is full: wait for deliveries to make room
                self.producer.poll(0.1)
        self.producer.poll(0)

    def flush(self, timeout=60.0):
        if self.producer.flush(timeout) > 0:
            raise KafkaException("steps not delivered within %s s" % timeout)
        self._raise_failure()

    def _delivered(self, error, message):
        if error is not None and self.failure is None:
            self.failure = error

    def _raise_failure(self):
        if self.failure is not None:
            raise KafkaException(self.failure)


def step(model_id, episode_id, t, observation, decision, reward, terminated, truncated, next_observation,
         mask, simulator_id):
    """The Step record of one transition, as the Java Simulator builds it."""
    action = decision.action
    if hasattr(action, "__len__"):
        action = {"values": [float(x) for x in action]}
    else:
        action = {"index": int(action)}
    return {
        "modelId": model_id,
        "episodeId": episode_id,
        "stepIndex": int(t),
        "observation": [float(x) for x in observation],
        "action": action,
        "reward": float(reward),
        "terminated": bool(terminated),
        "truncated": bool(truncated),
        "nextObservation": None if next_observation is None else [float(x) for x in next_observation],
        "actionMask": None if mask is None else [bool(m) for m in mask],
        "behaviourLogProb": float(decision.log_prob),
        "policyVersion": int(decision.version),
        "eventTime": datetime.datetime.now(datetime.timezone.utc),
        "simulatorId": simulator_id,
    }
