#!/usr/bin/env bash
# The local stack on one machine, no Docker: 3 Apache Cassandra nodes on 127.0.0.1, 127.0.0.2 and
# 127.0.0.3 (keyspace at replication factor 3, LOCAL_QUORUM) and 2 k2store instances against them,
# until Ctrl-C. It prints each instance's API and admin URL. Data stays in the directory given
# (default target/local-stack); --wipe starts from empty.
#
#   deploy/local/local-stack.sh [directory] [--wipe]
#
# Needs about 3 GB of memory (3 x 768 MB Cassandra heaps, 2 x 256 MB services).
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -ntp -q -DskipTests install -pl modules/k2store-reliability -am
mvn -B -ntp -q -pl modules/k2store-reliability dependency:build-classpath \
    -Dmdep.outputFile="$PWD/target/local-stack.classpath" -Dmdep.includeScope=runtime
exec java -cp "modules/k2store-reliability/target/classes:$(cat target/local-stack.classpath)" \
    org.k2store.reliability.stack.LocalStack "$@"
