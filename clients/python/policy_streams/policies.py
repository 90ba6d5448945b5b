"""Following a model's policies topic: every PolicySnapshot the learner publishes, newest first."""
import time

from confluent_kafka import OFFSET_BEGINNING, Consumer, KafkaException, TopicPartition

from .wire import Deserializer


class PolicyFollower:
    """Reads the compacted policies topic from its start with assigned partitions and no consumer group (nothing
    is committed, nothing joins the learner's group), keeping each model's newest snapshot. A learner starting
    alongside creates the topic: it is waited for up to `topic_timeout` seconds."""

    TOPIC_POLL_SECONDS = 0.5

    def __init__(self, settings, registry, model_id, topic_timeout=120.0):
        self.model_id = model_id
        self.topic = settings.topic("policies")
        self.deserialize = Deserializer(registry)
        config = settings.kafka()
        config.update({"group.id": "policy-streams-python-follower", "enable.auto.commit": False,
                       "allow.auto.create.topics": False, "isolation.level": "read_committed"})
        self.consumer = Consumer(config)
        partitions = self._await_partitions(topic_timeout)
        self.consumer.assign([TopicPartition(self.topic, p, OFFSET_BEGINNING) for p in partitions])
        self.newest = None

    def _await_partitions(self, timeout):
        deadline = time.monotonic() + timeout
        while True:
            topic = self.consumer.list_topics(self.topic, timeout=30).topics.get(self.topic)
            if topic is not None and topic.error is None and topic.partitions:
                return list(topic.partitions)
            if time.monotonic() >= deadline:
                self.consumer.close()
                raise KafkaException("the policies topic %r is not there after %.0f s (%s); is the learner running?"
                                     % (self.topic, timeout, topic.error if topic is not None else "no metadata"))
            time.sleep(self.TOPIC_POLL_SECONDS)  # no metadata call waits for a topic to appear

    def latest(self):
        """The newest snapshot of the model read so far, after taking what has arrived (without waiting)."""
        self._read(0)
        return self.newest

    def await_newer_than(self, version, timeout):
        """The newest snapshot with a version above `version`, waiting up to `timeout` seconds; None if none came."""
        deadline = time.monotonic() + timeout
        while True:
            self._read(max(0.0, min(0.5, deadline - time.monotonic())))
            if self.newest is not None and self.newest["version"] > version:
                return self.newest
            if time.monotonic() >= deadline:
                return None

    def _read(self, timeout):
        """Takes what has arrived, waiting up to `timeout` seconds for the first record."""
        first = self.consumer.poll(timeout)
        if first is None:
            return
        batch = [first]
        while batch:
            for message in batch:
                self._take(message)
            batch = self.consumer.consume(num_messages=10000, timeout=0)

    def _take(self, message):
        if message.error() is not None:
            raise KafkaException(message.error())
        if message.key() is None or message.key().decode("utf-8") != self.model_id:
            return
        snapshot = self.deserialize(message.value())
        if snapshot is not None and (self.newest is None or snapshot["version"] > self.newest["version"]):
            self.newest = snapshot

    def close(self):
        self.consumer.close()
