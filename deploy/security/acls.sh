#!/usr/bin/env bash
# The ACLs of Policy Streams' three principals (deploy/README.md, "Security"). A cluster administrator runs it
# once, with Kafka's kafka-acls.sh on the PATH, against brokers with an authorizer (StandardAuthorizer on KRaft):
#
#   BOOTSTRAP_SERVER=broker-1:9093 ADMIN_CONFIG=admin.properties deploy/security/acls.sh
#
# ADMIN_CONFIG holds the administrator's client settings (a super user's; admin.properties here is a template).
# The names below are the defaults of the settings table; set the variables when yours differ. Running it again
# changes nothing: kafka-acls.sh skips ACLs that exist.
set -euo pipefail
: "${BOOTSTRAP_SERVER:?set BOOTSTRAP_SERVER to the brokers, host:port,...}"
: "${ADMIN_CONFIG:?set ADMIN_CONFIG to the administrator client settings file}"

APPLICATION_ID="${APPLICATION_ID:-policy-streams}"
LEARNER="${LEARNER:-User:policy-streams-learner}"
ACTOR="${ACTOR:-User:policy-streams-actor}"
OPERATOR="${OPERATOR:-User:policy-streams-operator}"
STEPS="${STEPS:-steps}"
MODELS="${MODELS:-models}"
POLICIES="${POLICIES:-policies}"
REPORTS="${REPORTS:-training-reports}"
DEAD_LETTERS="${DEAD_LETTERS:-dead-letters}"
DECISIONS="${DECISIONS:-decisions}"
REWARDS="${REWARDS:-rewards}"

allow() {
  kafka-acls.sh --bootstrap-server "$BOOTSTRAP_SERVER" --command-config "$ADMIN_CONFIG" --add --allow-principal "$@"
}

# The learner (policy-streams app). Everything named after its application id: Kafka Streams' changelog and
# repartition topics, its consumer group and its transactional ids (exactly-once v2).
allow "$LEARNER" --operation All --resource-pattern-type prefixed \
  --topic "$APPLICATION_ID" --group "$APPLICATION_ID" --transactional-id "$APPLICATION_ID"
# It reads the inputs, and the policies back as its global store; it writes joined steps to the steps topic,
# and its snapshots, reports and dead letters.
allow "$LEARNER" --operation Read --topic "$STEPS" --topic "$MODELS" --topic "$DECISIONS" --topic "$REWARDS" \
  --topic "$POLICIES"
allow "$LEARNER" --operation Write --topic "$STEPS" --topic "$POLICIES" --topic "$REPORTS" --topic "$DEAD_LETTERS"
# topics.create=true (the default): it creates missing topics, and checks, or raises, the policies topic's
# max.message.bytes. With topics.create=false it needs only DescribeConfigs on the policies topic.
allow "$LEARNER" --operation Create --topic "$STEPS" --topic "$MODELS" --topic "$POLICIES" --topic "$REPORTS" \
  --topic "$DEAD_LETTERS" --topic "$DECISIONS" --topic "$REWARDS"
allow "$LEARNER" --operation DescribeConfigs --operation AlterConfigs --topic "$POLICIES"

# Actors: simulators (policy-streams simulate, the Python actor), act servers (serve, --log-decisions) and
# decision services. They publish steps, decisions and rewards, and follow the models and policies. Nothing else:
# no policies or models of their own, no dead letters, no group of the learner's.
allow "$ACTOR" --operation Write --topic "$STEPS" --topic "$DECISIONS" --topic "$REWARDS"
allow "$ACTOR" --operation Read --topic "$POLICIES" --topic "$MODELS"

# The operator: declares models (policy-streams declare), reads every topic (reports, dead letters, export,
# replay, evaluate-offline), and watches the learner's group and its lag.
allow "$OPERATOR" --operation Write --topic "$MODELS"
allow "$OPERATOR" --operation Read --topic "$STEPS" --topic "$MODELS" --topic "$POLICIES" --topic "$REPORTS" \
  --topic "$DEAD_LETTERS" --topic "$DECISIONS" --topic "$REWARDS"
allow "$OPERATOR" --operation Describe --group "$APPLICATION_ID"
