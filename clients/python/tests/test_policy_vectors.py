"""The Python policy against the Java one: the vectors CrossLanguageVectorsTest (model-binding) writes."""
import json
import math
import os
import unittest

import numpy as np

from policy_streams.policy import Policy, log_softmax

TOLERANCE = 1e-12


class PolicyVectorsTest(unittest.TestCase):

    def test_every_java_log_probability(self):
        path = os.environ.get("POLICY_VECTORS")
        if not path:
            self.skipTest("POLICY_VECTORS names no vector file (CrossLanguageVectorsTest writes one)")
        with open(path) as f:
            cases = json.load(f)["cases"]
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


class LogSoftmaxTest(unittest.TestCase):

    def test_a_mask_renormalises_over_the_allowed_actions(self):
        log_pi = log_softmax([1.0, 2.0, 3.0], [True, False, True])
        self.assertEqual(log_pi[1], -math.inf)
        self.assertAlmostEqual(math.exp(log_pi[0]) + math.exp(log_pi[2]), 1.0, places=15)

    def test_a_mask_that_allows_nothing_is_refused(self):
        with self.assertRaises(ValueError):
            log_softmax([1.0, 2.0], [False, False])

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
