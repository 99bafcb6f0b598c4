#!/usr/bin/env bash
# Entry point of the Flink containers: puts deploy/flink/config.yaml in place (the image's
# entrypoint edits its config file, so it cannot be mounted read-only there), writes the job's
# properties with the InfluxDB org and bucket from the environment, then hands over to the image.
set -euo pipefail
cp /opt/lymphwatch/config.yaml "$FLINK_HOME/conf/config.yaml"
# Named volumes start out owned by root; Flink runs as the image's flink user.
if [ "$(id -u)" = 0 ]; then
  chown flink:flink /opt/flink/checkpoints /opt/flink/savepoints
fi
{
  cat /opt/lymphwatch/job.properties
  echo "influx.org=${LYMPHWATCH_INFLUX_ORG:?}"
  echo "influx.bucket=${LYMPHWATCH_INFLUX_BUCKET:?}"
} > /tmp/lymphwatch-job.properties
exec /docker-entrypoint.sh "$@"
