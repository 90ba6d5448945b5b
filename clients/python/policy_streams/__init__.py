"""Policy Streams' Python client: act from the policies the Java learner publishes, and publish the steps.

- policy: a model's policy from its ModelSpec, the Java library's log-probabilities in numpy
- wire: Confluent's wire format with python3-avro; policies: following the policies topic; steps: publishing Steps
- simulation: the Gymnasium-style acting loop; actor: acting locally or through `policy-streams serve`
- declare: a model's ModelSpec on the models topic; envs: CartPole-v1
`python3 -m policy_streams declare|simulate` runs them (see __main__).
"""
