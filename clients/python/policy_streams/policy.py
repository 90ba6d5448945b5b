"""The policy a ModelSpec describes, in numpy: the same forward pass and log-probabilities as the Java policy
library (io.policystreams.policy), checked against it to 1e-12 by tests/test_policy_vectors.py.

- Discrete actions: pi(.|s) = softmax(f(s; theta)), over the allowed actions only under a mask.
- Continuous actions: a diagonal Gaussian with mean f(s; theta) and state-independent log-std, the last
  dimension entries of theta.

f is an affine map or an MLP with a linear output. theta is one flat vector: for each layer, W (rows = outputs,
row-major) then b, exactly as the Java FeedForwardNetwork lays it out.
"""
import math

import numpy as np

_HALF_LOG_TWO_PI = 0.5 * math.log(2.0 * math.pi)
_ACTIVATIONS = {"TANH": np.tanh, "RELU": lambda z: np.maximum(z, 0.0)}


class Network:
    """f(x; theta) = W_L sigma(... sigma(W_1 x + b_1) ...) + b_L."""

    def __init__(self, sizes, activation):
        self.sizes = list(sizes)
        self.activation = _ACTIVATIONS[activation]
        self.parameter_count = sum(sizes[l] * sizes[l - 1] + sizes[l] for l in range(1, len(sizes)))

    def forward(self, theta, x):
        a = np.asarray(x, dtype=np.float64)
        offset = 0
        last = len(self.sizes) - 1
        for l in range(1, len(self.sizes)):
            rows, columns = self.sizes[l], self.sizes[l - 1]
            weights = theta[offset:offset + rows * columns].reshape(rows, columns)
            offset += rows * columns
            bias = theta[offset:offset + rows]
            offset += rows
            z = weights @ a + bias
            a = z if l == last else self.activation(z)
        return a


class Categorical:
    """pi(.|s) over n actions; masked actions have log pi = -inf."""

    def __init__(self, log_pi):
        self.log_pi = log_pi

    def log_prob(self, action):
        value = self.log_pi[int(action)]
        if value == -math.inf:
            raise ValueError("action %d is masked out at this state" % action)
        return float(value)

    def sample(self, rng):
        return int(rng.choice(len(self.log_pi), p=np.exp(self.log_pi)))

    def mode(self):
        return int(np.argmax(self.log_pi))


class DiagonalGaussian:
    """N(mean, diag(exp(log_std)^2))."""

    def __init__(self, mean, log_std):
        self.mean = mean
        self.log_std = log_std

    def log_prob(self, action):
        total = 0.0
        for a, mu, log_std in zip(np.asarray(action, dtype=np.float64), self.mean, self.log_std):
            standardized = (a - mu) / math.exp(log_std)
            total += -0.5 * standardized * standardized - log_std - _HALF_LOG_TWO_PI
        return total

    def sample(self, rng):
        return self.mean + np.exp(self.log_std) * rng.standard_normal(len(self.mean))

    def mode(self):
        return self.mean.copy()


def log_softmax(z, mask=None):
    """log softmax(z), over the allowed entries only when a mask is given (the others: -inf)."""
    z = np.asarray(z, dtype=np.float64)
    allowed = np.ones(len(z), dtype=bool) if mask is None else np.asarray(mask, dtype=bool)
    if len(allowed) != len(z):
        raise ValueError("the action mask covers %d actions, the policy has %d" % (len(allowed), len(z)))
    if not allowed.any():
        raise ValueError("the action mask allows no action")
    kept = z[allowed]
    m = kept.max()
    log_normalizer = m + math.log(sum(math.exp(v - m) for v in kept))
    log_pi = np.full(len(z), -math.inf)
    log_pi[allowed] = kept - log_normalizer
    return log_pi


def exploration(log_pi, epsilon=0.0, temperature=1.0):
    """log mu(a|s) of the actors' behaviour policy, mu = (1 - epsilon) softmax(z / T) + epsilon / |allowed actions|,
    from log pi = log softmax(z) (masked actions: -inf), as the Java ExplorationMixture computes it."""
    log_pi = np.asarray(log_pi, dtype=np.float64)
    allowed = log_pi != -math.inf
    tempered = np.where(allowed, log_pi / temperature, 0.0)
    log_soft = log_softmax(tempered, allowed)
    log_mu = np.full(len(log_pi), -math.inf)
    count = int(allowed.sum())
    for a in np.flatnonzero(allowed):
        log_mu[a] = math.log((1.0 - epsilon) * math.exp(log_soft[a]) + epsilon / count)
    return log_mu


class Policy:
    """A model's policy: distribution(theta, observation, mask) gives pi(.|s)."""

    def __init__(self, network, discrete, observation_size, epsilon=0.0, temperature=1.0):
        self.network = network
        self.discrete = discrete
        self.observation_size = observation_size
        self.epsilon = epsilon
        self.temperature = temperature
        self.parameter_count = network.parameter_count + (0 if discrete else network.sizes[-1])

    @staticmethod
    def from_spec(spec):
        """The policy of a ModelSpec, as a dict (the snapshot's spec as Avro decodes it, or its JSON)."""
        space = spec["actionSpace"]
        discrete = "n" in space
        outputs = space["n"] if discrete else space["dimension"]
        network_spec = spec["policyNetwork"]
        sizes = [spec["observationSize"]] + list(network_spec.get("hiddenSizes") or []) + [outputs]
        h = spec.get("hyperparameters") or {}
        return Policy(Network(sizes, network_spec.get("activation", "TANH")), discrete, spec["observationSize"],
                      h.get("explorationEpsilon", 0.0), h.get("temperature", 1.0))

    def explores(self):
        """True when the actors act from mu rather than pi (the spec's explorationEpsilon or temperature)."""
        return self.discrete and (self.epsilon != 0.0 or self.temperature != 1.0)

    def behaviour(self, theta, observation, mask=None):
        """The distribution the actors sample from: pi itself, or Categorical(log mu) when the spec explores."""
        distribution = self.distribution(theta, observation, mask)
        if not self.explores():
            return distribution
        return Categorical(exploration(distribution.log_pi, self.epsilon, self.temperature))

    def distribution(self, theta, observation, mask=None):
        theta = np.asarray(theta, dtype=np.float64)
        if len(theta) != self.parameter_count:
            raise ValueError("theta must have %d entries, had %d" % (self.parameter_count, len(theta)))
        if len(observation) != self.observation_size:
            raise ValueError("the observation must have %d entries, had %d"
                             % (self.observation_size, len(observation)))
        output = self.network.forward(theta, observation)
        if self.discrete:
            return Categorical(log_softmax(output, mask))
        if mask is not None:
            raise ValueError("a Gaussian policy takes no action mask")
        return DiagonalGaussian(output, theta[self.network.parameter_count:])
