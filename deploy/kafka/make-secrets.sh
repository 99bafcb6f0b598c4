#!/usr/bin/env bash
# Makes the Kafka broker's TLS material for docker-compose.yml, with the JDK's keytool:
#   ca.crt     the certificate authority every Kafka client trusts (PEM; not secret)
#   kafka.p12  the broker's EC key and certificate for the names kafka and localhost, signed by that
#              CA, in a PKCS12 store encrypted with KAFKA_SSL_KEYSTORE_PASSWORD (from .env)
# in deploy/kafka/secrets/ (git ignores it) or the directory given. The CA's private key is thrown
# away once it has signed: to renew (after 825 days), run this again and restart the stack.
#
#   deploy/kafka/make-secrets.sh [DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/secrets}"
if [ -z "${KAFKA_SSL_KEYSTORE_PASSWORD:-}" ] && [ -f "$here/../../.env" ]; then
  KAFKA_SSL_KEYSTORE_PASSWORD="$(sed -n 's/^KAFKA_SSL_KEYSTORE_PASSWORD=//p' "$here/../../.env")"
fi
if [ -z "${KAFKA_SSL_KEYSTORE_PASSWORD:-}" ]; then
  echo "make-secrets: set KAFKA_SSL_KEYSTORE_PASSWORD in .env first (openssl rand -hex 32)" >&2
  exit 2
fi
export KAFKA_SSL_KEYSTORE_PASSWORD
days=825
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The password reaches keytool through the environment, never its command line (ps shows that).
kt() { keytool "$@" -storetype PKCS12 -storepass:env KAFKA_SSL_KEYSTORE_PASSWORD >/dev/null 2>&1 \
  || { echo "make-secrets: keytool $1 failed" >&2; exit 1; }; }

kt -genkeypair -alias ca -keyalg EC -groupname secp256r1 -dname "CN=lymphwatch Kafka CA" \
  -ext bc:c -validity "$days" -keystore "$work/ca.p12"
kt -exportcert -rfc -alias ca -keystore "$work/ca.p12" -file "$work/ca.crt"
kt -genkeypair -alias kafka -keyalg EC -groupname secp256r1 -dname "CN=kafka" \
  -validity "$days" -keystore "$work/kafka.p12"
kt -certreq -alias kafka -keystore "$work/kafka.p12" -file "$work/kafka.csr"
kt -gencert -rfc -alias ca -keystore "$work/ca.p12" -infile "$work/kafka.csr" \
  -outfile "$work/kafka.crt" -validity "$days" \
  -ext SAN=dns:kafka,dns:localhost -ext EKU=serverAuth,clientAuth
# The chain: the CA first (trusted), then the broker's signed certificate over its own key.
kt -importcert -noprompt -alias ca -file "$work/ca.crt" -keystore "$work/kafka.p12"
kt -importcert -alias kafka -file "$work/kafka.crt" -keystore "$work/kafka.p12"

mkdir -p "$out"
# Readable by the broker's container user, whose uid differs from the host's; the store itself is
# encrypted with the password from .env.
install -m 644 "$work/ca.crt" "$out/ca.crt"
install -m 644 "$work/kafka.p12" "$out/kafka.p12"
echo "make-secrets: wrote $out/ca.crt and $out/kafka.p12 (valid $days days)"
