#!/usr/bin/env bash
# Entry point of the Flink containers: puts deploy/flink/config.yaml in place (the image's
# entrypoint edits its config file, so it cannot be mounted read-only there), then hands over.
set -euo pipefail
cp /opt/lymphwatch/config.yaml "$FLINK_HOME/conf/config.yaml"
# Named volumes start out owned by root; Flink runs as the image's flink user.
if [ "$(id -u)" = 0 ]; then
  chown flink:flink /opt/flink/checkpoints /opt/flink/savepoints
fi
exec /docker-entrypoint.sh "$@"
