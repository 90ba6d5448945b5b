"""CartPole-v1 as Gymnasium defines it (gymnasium/envs/classic_control/cartpole.py with its TimeLimit of 500), in
double precision like the Java simulator's CartPole: push left (0) or right (1) with 10 N, Euler steps of 0.02 s,
reward 1 per step, terminated when |x| > 2.4 or |theta| > 12 degrees, truncated after 500 steps."""
import math

import numpy as np

GRAVITY = 9.8
MASS_CART = 1.0
MASS_POLE = 0.1
TOTAL_MASS = MASS_POLE + MASS_CART
LENGTH = 0.5  # half the pole's length
POLE_MASS_LENGTH = MASS_POLE * LENGTH
FORCE_MAG = 10.0
TAU = 0.02
THETA_THRESHOLD_RADIANS = 12 * 2 * math.pi / 360
X_THRESHOLD = 2.4
MAX_EPISODE_STEPS = 500


class CartPole:

    def __init__(self, max_episode_steps=MAX_EPISODE_STEPS):
        self.max_episode_steps = max_episode_steps
        self.state = None
        self.elapsed_steps = 0
        self.ended = True

    def reset(self, seed=None, options=None):
        """A state uniform in [-0.05, 0.05]^4 (or `options["state"]`, for tests against worked values)."""
        if options and "state" in options:
            self.state = [float(v) for v in options["state"]]
        else:
            self.state = list(np.random.default_rng(seed).uniform(-0.05, 0.05, size=4))
        self.elapsed_steps = 0
        self.ended = False
        return np.array(self.state), {}

    def step(self, action):
        if self.ended:
            raise RuntimeError("the episode has ended; reset first")
        if action not in (0, 1):
            raise ValueError("CartPole's actions are 0 (left) and 1 (right), got %r" % (action,))
        x, x_dot, theta, theta_dot = self.state
        force = FORCE_MAG if action == 1 else -FORCE_MAG
        cos_theta, sin_theta = math.cos(theta), math.sin(theta)
        temp = (force + POLE_MASS_LENGTH * theta_dot * theta_dot * sin_theta) / TOTAL_MASS
        theta_acc = (GRAVITY * sin_theta - cos_theta * temp) \
            / (LENGTH * (4.0 / 3.0 - MASS_POLE * cos_theta * cos_theta / TOTAL_MASS))
        x_acc = temp - POLE_MASS_LENGTH * theta_acc * cos_theta / TOTAL_MASS
        # Explicit Euler, in Gymnasium's order: positions from the old velocities.
        x, x_dot = x + TAU * x_dot, x_dot + TAU * x_acc
        theta, theta_dot = theta + TAU * theta_dot, theta_dot + TAU * theta_acc
        self.state = [x, x_dot, theta, theta_dot]
        self.elapsed_steps += 1
        terminated = x < -X_THRESHOLD or x > X_THRESHOLD or theta < -THETA_THRESHOLD_RADIANS \
            or theta > THETA_THRESHOLD_RADIANS
        truncated = not terminated and self.elapsed_steps >= self.max_episode_steps
        self.ended = terminated or truncated
        return np.array(self.state), 1.0, terminated, truncated, {}
