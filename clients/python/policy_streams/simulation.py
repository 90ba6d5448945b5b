"""The acting loop: N Gymnasium-style environments in lockstep, acting from a model's newest policy and
publishing every step, as the Java Simulator does.

A newer policy is picked up between steps. With `steps_per_version` K, an ended episode starts again only once the
version acting has played fewer than K steps, else it waits for a newer version (this keeps PPO close to
on-policy when the simulator outruns the learner). Once a stopping rule holds, no episode starts and the ones under
way are played to their end, so every published episode is complete.
"""
import collections
import time

import numpy as np

from .actor import Actor
from .steps import step


class LocalPolicies:
    """Acts in this process from the snapshots a PolicyFollower reads from the policies topic."""

    def __init__(self, follower):
        self.follower = follower

    def newer_than(self, version):
        snapshot = self.follower.latest()
        return Actor(snapshot) if snapshot is not None and snapshot["version"] > version else None

    def await_newer_than(self, version, timeout):
        snapshot = self.follower.await_newer_than(version, timeout)
        return Actor(snapshot) if snapshot is not None else None


class RemotePolicies:
    """Acts through the act endpoint; a newer version shows in its answers, or in GET /v1/models/{id}."""

    POLL_SECONDS = 0.05

    def __init__(self, remote):
        self.remote = remote
        self.served_version = -1
        self.spec = None

    def newer_than(self, version):
        return self._handle() if self.served_version > version else None

    def await_newer_than(self, version, timeout):
        deadline = time.monotonic() + timeout
        while True:
            current = self.remote.current()
            if current is not None and current["version"] > version:
                self.served_version, self.spec = current["version"], current["spec"]
                return self._handle()
            if time.monotonic() >= deadline:
                return None
            time.sleep(self.POLL_SECONDS)  # the endpoint has no long poll; its answers are cheap

    def _handle(self):
        return _Served(self, self.served_version, self.spec)


class _Served:
    """The act endpoint's policy as the loop sees it: the version it last served, acting through it."""

    def __init__(self, policies, version, spec):
        self.policies = policies
        self.version = version
        self.spec = spec

    def act(self, observation, mask, rng):
        decision = self.policies.remote.act(observation, mask)
        self.policies.served_version = max(self.policies.served_version, decision.version)
        return decision


class Summary:

    def __init__(self, episodes, steps, mean_return, reached_target, version, seconds):
        self.episodes = episodes
        self.steps = steps
        self.mean_return = mean_return
        self.reached_target = reached_target
        self.version = version
        self.seconds = seconds

    def __str__(self):
        return ("%d episodes, %d env steps in %.1f s (%.0f steps/s); mean return of the last episodes: %.1f; "
                "policy version %d%s" % (self.episodes, self.steps, self.seconds, self.steps / max(self.seconds, 1e-9),
                                         self.mean_return, self.version,
                                         "; target reached" if self.reached_target else ""))


class Simulation:

    def __init__(self, model_id, make_environment, policies, steps, simulator_id, environments=8, seed=1,
                 max_steps=0, max_episodes=0, target_return=None, window=100, steps_per_version=0,
                 policy_timeout=120.0, on_episode=None):
        self.model_id = model_id
        self.make_environment = make_environment
        self.policies = policies
        self.steps = steps
        self.simulator_id = simulator_id
        self.environments = environments
        self.max_steps = max_steps
        self.max_episodes = max_episodes
        self.target_return = target_return
        self.window = collections.deque(maxlen=window)
        self.steps_per_version = steps_per_version
        self.policy_timeout = policy_timeout
        self.on_episode = on_episode or (lambda simulation, episode_return: None)
        self.seeds = np.random.default_rng(seed)
        self.sampling = np.random.default_rng(seed ^ 0x5DEECE66D)
        self.episodes_played = 0
        self.episodes_started = 0
        self.steps_played = 0
        self.steps_on_version = 0
        self.actor = None

    def run(self):
        started = time.monotonic()
        self.actor = self._require(self.policies.await_newer_than(-1, self.policy_timeout), -1)
        slots = [_Slot(self.make_environment()) for _ in range(self.environments)]
        for slot in slots:
            self._start(slot)
        while any(slot.state != _Slot.DONE for slot in slots):
            if self.finished():
                for slot in slots:
                    if slot.state == _Slot.WAITING:
                        slot.state = _Slot.DONE
                if all(slot.state == _Slot.DONE for slot in slots):
                    break
            self._follow_newer_policy(slots)
            for slot in slots:
                if slot.state == _Slot.PLAYING:
                    self._step(slot)
        self.steps.flush()
        return Summary(self.episodes_played, self.steps_played, self.mean_return(), self.reached_target(),
                       self.actor.version, time.monotonic() - started)

    def mean_return(self):
        return sum(self.window) / len(self.window) if self.window else float("nan")

    def reached_target(self):
        return self.target_return is not None and len(self.window) == self.window.maxlen \
            and self.mean_return() >= self.target_return

    def finished(self):
        return (self.max_episodes > 0 and self.episodes_played >= self.max_episodes) \
            or (self.max_steps > 0 and self.steps_played >= self.max_steps) or self.reached_target()

    def _follow_newer_policy(self, slots):
        newer = self.policies.newer_than(self.actor.version)
        if newer is None and not any(slot.state == _Slot.PLAYING for slot in slots):
            self.steps.flush()  # the learner needs these steps to make the version waited for
            newer = self._require(self.policies.await_newer_than(self.actor.version, self.policy_timeout),
                                  self.actor.version)
        if newer is not None:
            self.actor = newer
            self.steps_on_version = 0
            for slot in slots:
                if slot.state == _Slot.WAITING:
                    self._start(slot)

    def _step(self, slot):
        mask = slot.info.get("action_mask")
        decision = self.actor.act(slot.observation, mask, self.sampling)
        observation, reward, terminated, truncated, info = slot.environment.step(self._to_environment(decision))
        self.steps.publish(step(self.model_id, slot.episode_id, slot.t, slot.observation, decision, reward,
                                terminated, truncated, observation, mask, self.simulator_id))
        self.steps_played += 1
        self.steps_on_version += 1
        slot.observation, slot.info = observation, info
        slot.episode_return += reward
        slot.t += 1
        if terminated or truncated:
            self.episodes_played += 1
            self.window.append(slot.episode_return)
            self.on_episode(self, slot.episode_return)
            if self.finished():
                slot.state = _Slot.DONE
            elif 0 < self.steps_per_version <= self.steps_on_version:
                slot.state = _Slot.WAITING
            else:
                self._start(slot)

    def _to_environment(self, decision):
        """The action the environment takes: a continuous sample clipped to the spec's bounds (the Step keeps it
        unclipped, the value whose log-probability it carries)."""
        space = self.actor.spec["actionSpace"] if self.actor.spec else {}
        if "low" in space:
            return np.clip(decision.action, space["low"], space["high"])
        return decision.action

    def _start(self, slot):
        slot.episode_id = "%s-%d" % (self.simulator_id, self.episodes_started)
        self.episodes_started += 1
        slot.observation, slot.info = slot.environment.reset(seed=int(self.seeds.integers(2 ** 31)))
        slot.info = slot.info or {}
        slot.t = 0
        slot.episode_return = 0.0
        slot.state = _Slot.PLAYING

    def _require(self, actor, after):
        if actor is None:
            raise RuntimeError("no policy of model %s newer than version %d within %.0f s; is the learner running "
                               "and the model declared?" % (self.model_id, after, self.policy_timeout))
        return actor


class _Slot:
    PLAYING, WAITING, DONE = "playing", "waiting for a newer policy", "done"

    def __init__(self, environment):
        self.environment = environment
        self.state = _Slot.DONE
        self.episode_id = None
        self.observation = None
        self.info = {}
        self.t = 0
        self.episode_return = 0.0

