#!/usr/bin/env bash
# Creates every lymphwatch topic before anything publishes, then waits until each partition has a
# leader: Kafka 4.2 can refuse an idempotent producer's first batch forever when it writes in the
# moments after a topic's creation (KAFKA-15591). Idempotent: existing topics are left alone.
set -euo pipefail
bootstrap="${KAFKA_BOOTSTRAP:-kafka:9092}"
# Logged in as the broker's admin (SASL_SSL): deploy/kafka/admin.properties.
admin="${KAFKA_COMMAND_CONFIG:-/etc/lymphwatch/admin.properties}"
partitions="${KAFKA_PARTITIONS:-4}"
# Kafka's tools: the apache/kafka image's, unless KAFKA_BIN says otherwise.
topics="${KAFKA_BIN:-/opt/kafka/bin}/kafka-topics.sh"

create() {
  local topic="$1"
  shift
  "$topics" --bootstrap-server "$bootstrap" --command-config "$admin" --create --if-not-exists --topic "$topic" \
    --partitions "$partitions" --replication-factor 1 "$@"
}

create readings
create readings-rejected
create alerts
create alert-actions
# Latest record per patient is what consumers need: the registry and the triage status.
create patients --config cleanup.policy=compact
create patient-status --config cleanup.policy=compact

for attempt in $(seq 1 60); do
  if ! "$topics" --bootstrap-server "$bootstrap" --command-config "$admin" --describe --unavailable-partitions | grep -q Topic; then
    echo "lymphwatch topics ready"
    exit 0
  fi
  sleep 1
done
echo "lymphwatch topics still have partitions without a leader after 60 s" >&2
exit 1
