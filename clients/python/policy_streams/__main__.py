"""python3 -m policy_streams COMMAND: declare a model, or act in Gymnasium-style environments and publish the steps.

    python3 -m policy_streams declare --config dev.properties --spec examples/cartpole.json
    python3 -m policy_streams simulate --config dev.properties --model-id cartpole --env cartpole --envs 8 \\
        --steps-per-version 256 --target-return 475
    python3 -m policy_streams simulate --config dev.properties --model-id cartpole --act-url http://127.0.0.1:8080

Exit status: 0 done, 1 failed (the reason on stderr), 2 a usage error.
"""
import argparse
import importlib
import json
import logging
import sys
import time
import uuid

from confluent_kafka import KafkaException

from .actor import RemoteActor
from .config import Settings
from .declare import declare
from .policies import PolicyFollower
from .simulation import LocalPolicies, RemotePolicies, Simulation
from .steps import StepPublisher
from .wire import Registry

LOG = logging.getLogger("policy_streams")
ENVIRONMENTS = {"cartpole": "policy_streams.envs.cartpole:CartPole"}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python3 -m policy_streams", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    declaring = commands.add_parser("declare", help="publish a ModelSpec (JSON) to the models topic")
    _cluster_options(declaring)
    declaring.add_argument("--spec", required=True, metavar="SPEC.json",
                           help="the ModelSpec as JSON: the schema's fields, those with defaults optional")
    declaring.add_argument("--model-id", help="the model's id (default: the spec's modelId)")

    simulating = commands.add_parser("simulate", help="act from a model's newest policy and publish every step")
    _cluster_options(simulating)
    simulating.add_argument("--model-id", required=True, help="the model to act for")
    simulating.add_argument("--env", default="cartpole",
                            help="cartpole, or MODULE:CALLABLE making a Gymnasium-style environment "
                                 "(for example gymnasium:make with --env-arg CartPole-v1); default cartpole")
    simulating.add_argument("--env-arg", action="append", default=[], help="a positional argument for CALLABLE")
    simulating.add_argument("--declare", metavar="SPEC.json", help="first declare the model with this spec")
    simulating.add_argument("--act-url", metavar="URL",
                            help="act through the act endpoint at URL (policy-streams serve) instead of locally")
    simulating.add_argument("--envs", type=int, default=8, help="environments in lockstep (default 8)")
    simulating.add_argument("--seed", type=int, default=1, help="seed of the resets and the sampling (default 1)")
    simulating.add_argument("--max-steps", type=int, default=0, help="stop after this many env steps (0: no limit)")
    simulating.add_argument("--episodes", type=int, default=0, help="stop after this many episodes (0: no limit)")
    simulating.add_argument("--target-return", type=float,
                            help="stop once the mean return of the last --window episodes reaches this")
    simulating.add_argument("--window", type=int, default=100, help="episodes in the mean return (default 100)")
    simulating.add_argument("--steps-per-version", type=int, default=0,
                            help="steps one version plays before new episodes wait for a newer one (0: never wait)")
    simulating.add_argument("--policy-timeout", type=float, default=120.0,
                            help="seconds to wait for a (newer) policy before failing (default 120)")
    simulating.add_argument("--simulator-id", help="the steps' simulatorId (default: py-sim- and a random id)")

    arguments = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", stream=sys.stderr)
    try:
        settings = Settings.read(arguments.config, {"bootstrap.servers": arguments.bootstrap_servers,
                                                    "schema.registry.url": arguments.schema_registry_url})
        registry = Registry(settings.registry_urls)
        if arguments.command == "declare":
            _declare(settings, registry, arguments.spec, arguments.model_id)
        else:
            _simulate(settings, registry, arguments)
        return 0
    except (OSError, ValueError, RuntimeError, KafkaException) as error:
        print("policy_streams %s: %s" % (arguments.command, error), file=sys.stderr)
        return 1


def _cluster_options(command):
    command.add_argument("--config", metavar="FILE",
                         help="a properties file: bootstrap.servers, schema.registry.url, the topic names "
                              "(the learner's, or the one policy-streams dev --properties writes)")
    command.add_argument("--bootstrap-servers", help="Kafka brokers, host:port[,...] (over --config)")
    command.add_argument("--schema-registry-url", help="registry URL, or a comma-separated list (over --config)")


def _declare(settings, registry, spec_file, model_id=None):
    with open(spec_file, encoding="utf-8") as f:
        spec = json.load(f)
    if model_id:
        spec["modelId"] = model_id
    declare(settings, registry, spec)
    LOG.info("declared model %s", spec["modelId"])


def _simulate(settings, registry, arguments):
    if arguments.declare:
        _declare(settings, registry, arguments.declare, arguments.model_id)
    make_environment = _environment(arguments.env, arguments.env_arg)
    follower = None
    if arguments.act_url:
        policies = RemotePolicies(RemoteActor(arguments.act_url, arguments.model_id))
    else:
        follower = PolicyFollower(settings, registry, arguments.model_id, arguments.policy_timeout)
        policies = LocalPolicies(follower)
    try:
        simulation = Simulation(arguments.model_id, make_environment, policies, StepPublisher(settings, registry),
                                arguments.simulator_id or "py-sim-" + uuid.uuid4().hex[:12],
                                environments=arguments.envs, seed=arguments.seed, max_steps=arguments.max_steps,
                                max_episodes=arguments.episodes, target_return=arguments.target_return,
                                window=arguments.window, steps_per_version=arguments.steps_per_version,
                                policy_timeout=arguments.policy_timeout, on_episode=_ProgressLog())
        print(simulation.run(), flush=True)
    finally:
        if follower is not None:
            follower.close()


def _environment(name, args):
    target = ENVIRONMENTS.get(name, name)
    if ":" not in target:
        raise ValueError("--env %r is neither %s nor MODULE:CALLABLE" % (name, ", ".join(ENVIRONMENTS)))
    module, callable_name = target.split(":", 1)
    make = getattr(importlib.import_module(module), callable_name)
    return lambda: make(*args)


class _ProgressLog:
    """Logs the run's progress every 2 seconds."""

    def __init__(self):
        self.last = 0.0

    def __call__(self, simulation, episode_return):
        if time.monotonic() - self.last > 2.0:
            self.last = time.monotonic()
            LOG.info("episodes %d, env steps %d, policy version %d, mean return %.1f", simulation.episodes_played,
                     simulation.steps_played, simulation.actor.version, simulation.mean_return())


if __name__ == "__main__":
    sys.exit(main())
