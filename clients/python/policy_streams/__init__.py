"""Policy Streams' Python client: act from the policies the Java learner publishes.

policy.Policy.from_spec builds a model's policy from its ModelSpec (as the PolicySnapshot on the policies topic
carries it) and computes the same log-probabilities as the Java policy library.
"""
