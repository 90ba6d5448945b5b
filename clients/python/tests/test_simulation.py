"""The acting loop, with the Kafka sides replaced by a list of steps and snapshots handed out in order."""
import unittest

from policy_streams.actor import Actor
from policy_streams.envs.cartpole import CartPole
from policy_streams.simulation import Simulation

SPEC = {"modelId": "cartpole", "observationSize": 4, "actionSpace": {"n": 2},
        "policyNetwork": {"hiddenSizes": [], "activation": "TANH"}}


def snapshot(version):
    return {"version": version, "spec": SPEC, "policyParameters": [0.0] * 10}


class VersionsOnRequest:
    """Version 0 at once; each wait for a newer one publishes the next (as a learner would after a batch)."""

    def __init__(self):
        self.published = 0
        self.awaited = 0

    def newer_than(self, version):
        return Actor(snapshot(self.published)) if self.published > version else None

    def await_newer_than(self, version, timeout):
        self.awaited += 1
        if version >= 0:
            self.published = version + 1
        return Actor(snapshot(self.published))


class Steps:

    def __init__(self):
        self.published = []
        self.flushes = 0

    def publish(self, step):
        self.published.append(step)

    def flush(self):
        self.flushes += 1


class SimulationTest(unittest.TestCase):

    def test_every_episode_is_published_whole_with_its_log_probabilities(self):
        steps = Steps()
        summary = Simulation("cartpole", CartPole, VersionsOnRequest(), steps, "sim", environments=3,
                             max_episodes=10).run()
        self.assertGreaterEqual(summary.episodes, 10)
        episodes = {}
        for step in steps.published:
            episodes.setdefault(step["episodeId"], []).append(step)
        self.assertEqual(len(episodes), summary.episodes)
        for episode in episodes.values():
            self.assertEqual([s["stepIndex"] for s in episode], list(range(len(episode))))
            self.assertTrue(episode[-1]["terminated"] or episode[-1]["truncated"])
            self.assertFalse(any(s["terminated"] or s["truncated"] for s in episode[:-1]))
            for s in episode:
                self.assertAlmostEqual(s["behaviourLogProb"], -0.6931471805599453, places=15)  # zero logits
            for before, after in zip(episode, episode[1:]):
                self.assertEqual(after["observation"], before["nextObservation"])
        self.assertGreaterEqual(steps.flushes, 1)

    def test_with_steps_per_version_new_episodes_wait_for_a_newer_version(self):
        steps = Steps()
        policies = VersionsOnRequest()
        Simulation("cartpole", CartPole, policies, steps, "sim", environments=2, max_steps=400,
                   steps_per_version=50).run()
        versions = sorted({s["policyVersion"] for s in steps.published})
        self.assertGreater(len(versions), 3)
        self.assertEqual(versions, list(range(len(versions))))
        played = {}
        for s in steps.published:  # an episode starts only while its version has played fewer than 50 steps
            if s["stepIndex"] == 0:
                self.assertLess(played.get(s["policyVersion"], 0), 50, s["episodeId"])
            played[s["policyVersion"]] = played.get(s["policyVersion"], 0) + 1

    def test_the_stopping_rule_on_the_mean_return(self):
        summary = Simulation("cartpole", CartPole, VersionsOnRequest(), Steps(), "sim", environments=2,
                             target_return=1.0, window=5).run()
        self.assertTrue(summary.reached_target)
        self.assertIn("target reached", str(summary))


if __name__ == "__main__":
    unittest.main()
