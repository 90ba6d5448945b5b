"""The Python CartPole against the worked values the Java CartPoleTest checks (Gymnasium's equations, by hand)."""
import unittest

import numpy as np

from policy_streams.envs.cartpole import THETA_THRESHOLD_RADIANS, CartPole

TOLERANCE = 1e-12


class CartPoleTest(unittest.TestCase):

    def test_follows_gymnasiums_euler_dynamics(self):
        env = CartPole()
        env.reset(options={"state": [0.01, -0.02, 0.03, 0.04]})
        expected = [
            (1, [0.009600000000000001, 0.17467919574755525, 0.030799999999999998, -0.24306871796000815]),
            (0, [0.013093583914951107, -0.020868848948191993, 0.025938625640799833, 0.05916799993941654]),
            (1, [0.012676206935987267, 0.1738717748734813, 0.027121985639588165, -0.22521957255967331]),
        ]
        for action, state in expected:
            observation, reward, terminated, truncated, info = env.step(action)
            np.testing.assert_allclose(observation, state, rtol=0, atol=TOLERANCE)
            self.assertEqual(reward, 1.0)
            self.assertFalse(terminated or truncated)

    def test_tipping_past_twelve_degrees_terminates_with_its_reward(self):
        env = CartPole()
        env.reset(options={"state": [0.0, 0.0, 0.0, 0.0]})
        steps = 0
        while True:
            observation, reward, terminated, truncated, _ = env.step(1)
            steps += 1
            if terminated or truncated:
                break
        self.assertTrue(terminated)
        self.assertFalse(truncated)
        self.assertEqual(reward, 1.0)
        self.assertGreater(abs(observation[2]), THETA_THRESHOLD_RADIANS)
        self.assertTrue(5 < steps < 20, steps)
        with self.assertRaises(RuntimeError):
            env.step(0)

    def test_the_time_limit_truncates(self):
        env = CartPole(max_episode_steps=3)
        env.reset(options={"state": [0.0, 0.0, 0.0, 0.0]})
        outcomes = [env.step(a)[2:4] for a in (1, 0, 1)]
        self.assertEqual(outcomes, [(False, False), (False, False), (False, True)])

    def test_a_seed_gives_the_same_start_in_the_box(self):
        first, _ = CartPole().reset(seed=7)
        again, _ = CartPole().reset(seed=7)
        np.testing.assert_array_equal(first, again)
        self.assertTrue(np.all(np.abs(first) <= 0.05))


if __name__ == "__main__":
    unittest.main()
