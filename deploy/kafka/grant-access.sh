#!/usr/bin/env bash
# Creates the Kafka users and grants each exactly what the README's security model says, nothing
# more (the broker refuses whatever no ACL allows). Runs in the one-shot kafka-init service as the
# broker's admin before anything publishes. Idempotent: every run sets each user's password from
# .env again; an ACL that exists already is left as it is. Passwords: hex (openssl rand -hex 32),
# since SCRAM-SHA-512=[password=...] cannot carry commas or brackets.
set -euo pipefail
bootstrap="${KAFKA_BOOTSTRAP:-kafka:9092}"
admin="${KAFKA_COMMAND_CONFIG:-/etc/lymphwatch/admin.properties}"
# Kafka's tools: the apache/kafka image's, unless KAFKA_BIN says otherwise.
bin="${KAFKA_BIN:-/opt/kafka/bin}"

# user NAME PASSWORD: a SCRAM login; without a password (e.g. no simulator) the user is not made.
user() {
  if [ -z "$2" ]; then
    echo "no password for Kafka user $1 in .env: not created"
    return
  fi
  "$bin/kafka-configs.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --alter \
    --entity-type users --entity-name "$1" --add-config "SCRAM-SHA-512=[password=$2]" >/dev/null
}

# allow USER OPERATIONS topic|group|transactional-id NAME [prefixed]
allow() {
  local operations=()
  for op in ${2//,/ }; do operations+=(--operation "$op"); done
  "$bin/kafka-acls.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --add \
    --allow-principal "User:$1" "${operations[@]}" "--$3" "$4" \
    --resource-pattern-type "${5:-literal}" >/dev/null
}

user gateway "${KAFKA_GATEWAY_PASSWORD:-}"
user job "${KAFKA_JOB_PASSWORD:-}"
user webapp "${KAFKA_WEBAPP_PASSWORD:-}"
user simulator "${KAFKA_SIMULATOR_PASSWORD:-}"

# The gateway: devices' readings in, patients' statuses out to their apps.
allow gateway Write,Describe topic readings
allow gateway Read,Describe topic patient-status
# The monitoring job: its inputs, its outputs (in transactions), its consumer group.
allow job Read,Describe topic readings
allow job Read,Describe topic patients
allow job Read,Describe topic alert-actions
allow job Write,Describe topic alerts
allow job Write,Describe topic patient-status
allow job Write,Describe topic readings-rejected
allow job Read,Describe group lymphwatch prefixed
allow job Write,Describe transactional-id lymphwatch prefixed
# The clinicians' web app: follows statuses and alerts, sends clinicians' actions.
allow webapp Read,Describe topic patient-status
allow webapp Read,Describe topic alerts
allow webapp Write,Describe topic alert-actions
# The simulator stands in for the clinic's patient registry; its devices go through the gateway.
allow simulator Write,Describe topic patients

echo "lymphwatch Kafka users and ACLs ready"
