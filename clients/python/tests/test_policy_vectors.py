"""The Python policy against the Java one: the vectors CrossLanguageVectorsTest (model-binding) writes."""
import json
import math
import os
import unittest

import numpy as np

from policy_streams.policy import Policy, exploration, log_softmax

TOLERANCE = 1e-12


class PolicyVectorsTest(unittest.TestCase):

    def cases(self):
        path = os.environ.get("POLICY_VECTORS")
        if not path:
            self.skipTest("POLICY_VECTORS names no vector file (CrossLanguageVectorsTest writes one)")
        with open(path) as f:
            return json.load(f)["cases"]

    def test_every_java_log_probability(self):
        cases = self.cases()
        self.assertGreaterEqual(len(cases), 25)
        checked = 0
        for case in cases:
            policy = Policy.from_spec(case["spec"])
            distribution = policy.distribution(case["parameters"], case["observation"], case.get("mask"))
            for expected in case["logProbs"]:
                with self.subTest(case=case["name"], action=expected["action"]):
                    got = distribution.log_prob(expected["action"])
                    self.assertLessEqual(abs(got - expected["logProb"]), TOLERANCE,
                                         "%s: %r vs Java %r" % (case["name"], got, expected["logProb"]))
                    checked += 1
        self.assertGreater(checked, 50)

    def test_every_java_behaviour_log_probability(self):
        cases = [c for c in self.cases() if "behaviourLogProbs" in c]
        self.assertTrue(any(c["spec"]["hyperparameters"]["explorationEpsilon"] > 0 for c in cases))
        for case in cases:
            policy = Policy.from_spec(case["spec"])
            behaviour = policy.behaviour(case["parameters"], case["observation"], case.get("mask"))
            for expected in case["behaviourLogProbs"]:
                with self.subTest(case=case["name"], action=expected["action"]):
                    got = behaviour.log_prob(expected["action"])
                    self.assertLessEqual(abs(got - expected["logProb"]), TOLERANCE,
                                         "%s: %r vs Java %r" % (case["name"], got, expected["logProb"]))


class LogSoftmaxTest(unittest.TestCase):

    def test_a_mask_renormalises_over_the_allowed_actions(self):
        log_pi = log_softmax([1.0, 2.0, 3.0], [True, False, True])
        self.assertEqual(log_pi[1], -math.inf)
        self.assertAlmostEqual(math.exp(log_pi[0]) + math.exp(log_pi[2]), 1.0, places=15)

    def test_a_mask_that_allows_nothing_is_refused(self):
        with self.assertRaises(ValueError):
            log_softmax([1.0, 2.0], [False, False])

    def test_exploration_mixes_in_the_uniform_share_over_the_allowed_actions(self):
        log_pi = log_softmax([0.0, math.log(3.0), 5.0], [True, True, False])  # pi = (1/4, 3/4, 0)
        mu = np.exp(exploration(log_pi, 0.2, 1.0))
        np.testing.assert_allclose(mu, [0.8 * 0.25 + 0.1, 0.8 * 0.75 + 0.1, 0.0], rtol=0, atol=1e-15)
        root3 = math.sqrt(3.0)  # softmax(z / 2) = (1, sqrt 3) / (1 + sqrt 3)
        np.testing.assert_allclose(np.exp(exploration(log_pi, 0.0, 2.0))[:2], [1 / (1 + root3), root3 / (1 + root3)],
                                   rtol=0, atol=1e-15)

    def test_sampling_follows_the_probabilities(self):
        spec = {"observationSize": 1, "actionSpace": {"n": 2}, "policyNetwork": {"hiddenSizes": [],
                                                                                  "activation": "TANH"}}
        policy = Policy.from_spec(spec)
        theta = [1.0, 0.0, 0.0, 0.0]  # W = (1, 0) then b = (0, 0): logits (1, 0) at s = 1, pi(0) = e / (e + 1)
        distribution = policy.distribution(theta, [1.0])
        rng = np.random.default_rng(1)
        share = sum(distribution.sample(rng) == 0 for _ in range(20000)) / 20000
        self.assertAlmostEqual(share, math.e / (math.e + 1), delta=0.01)


if __name__ == "__main__":
    unittest.main()
