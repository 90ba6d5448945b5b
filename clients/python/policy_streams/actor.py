"""Acting from a policy: locally from a PolicySnapshot (the Java Actor's twin), or through `policy-streams serve`."""
import numpy as np
import requests

from .policy import Policy


class Decision:
    """An action, log pi(a|s) under the policy that chose it, and that policy's version."""

    def __init__(self, action, log_prob, version):
        self.action = action
        self.log_prob = log_prob
        self.version = version


class Actor:
    """A snapshot's policy: samples a ~ pi(.|s) with its log-probability, as the Java Actor does; with the spec's
    exploration, a ~ mu(.|s) with log mu(a|s)."""

    def __init__(self, snapshot):
        self.version = snapshot["version"]
        self.spec = snapshot["spec"]
        self.policy = Policy.from_spec(self.spec)
        self.theta = np.asarray(snapshot["policyParameters"], dtype=np.float64)

    def act(self, observation, mask, rng):
        distribution = self.policy.behaviour(self.theta, observation, mask)
        action = distribution.sample(rng)
        return Decision(action, distribution.log_prob(action), self.version)


class RemoteActor:
    """Acts through the act endpoint (`policy-streams serve`): POST /v1/models/{id}/act, one request per decision,
    on one kept-alive connection."""

    def __init__(self, base_url, model_id, timeout=10.0):
        self.url = "%s/v1/models/%s" % (base_url.rstrip("/"), model_id)
        self.timeout = timeout
        self.session = requests.Session()

    def current(self):
        """The served version and spec ({"version": V, "spec": {...}}), or None while the model has no policy."""
        answer = self.session.get(self.url, timeout=self.timeout)
        if answer.status_code == 404:
            return None
        return self._json(answer)

    def act(self, observation, mask, rng=None):
        body = {"observation": [float(x) for x in observation]}
        if mask is not None:
            body["mask"] = [bool(m) for m in mask]
        answer = self._json(self.session.post(self.url + "/act", json=body, timeout=self.timeout))
        action = answer["action"]
        return Decision(np.asarray(action, dtype=np.float64) if isinstance(action, list) else action,
                        answer["logProb"], answer["policyVersion"])

    @staticmethod
    def _json(answer):
        if answer.status_code != 200:
            raise RuntimeError("the act endpoint answered %d: %s" % (answer.status_code, answer.text))
        return answer.json()
