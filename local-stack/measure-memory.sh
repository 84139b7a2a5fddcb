#!/usr/bin/env bash
# Memory of a running local stack: RSS and PSS (shared pages split between processes) of the launcher,
# every service JVM and every PostgreSQL process. Linux only (/proc/<pid>/smaps_rollup).
# Usage: local-stack/measure-memory.sh [data-dir]   (default: .local-stack)
set -euo pipefail
data=$(cd "${1:-.local-stack}" && pwd)
launcher=$(pgrep -f "local-stack-runner.jar" | while read -r p; do
  if tr '\0' ' ' < /proc/$p/cmdline | grep -q -- "--data-dir=$data\b" || [ "$(readlink /proc/$p/cwd)/.local-stack" = "$data" ]; then echo $p; fi
done | head -1)
postmaster=$(head -1 "$data/postgres/postmaster.pid")
[ -n "$launcher" ] || { echo "no launcher running for $data" >&2; exit 1; }
tree() { ps -eo pid=,ppid= | awk -v r="$1" '{p[$1]=$2} END {for (x in p) {y=x; while ((y in p) && y!=r && y>1) y=p[y]; if (y==r) print x}}'; }
printf "%-8s %8s %8s  %s\n" PID RSS_MB PSS_MB PROCESS
total_rss=0; total_pss=0; pg_rss=0; pg_pss=0; pg_count=0
for p in $(tree "$launcher") $(tree "$postmaster"); do
  [ -r /proc/$p/smaps_rollup ] || continue
  rss=$(awk '/^Rss:/ {print $2}' /proc/$p/smaps_rollup); pss=$(awk '/^Pss:/ {print $2}' /proc/$p/smaps_rollup)
  total_rss=$((total_rss + rss)); total_pss=$((total_pss + pss))
  args=$(tr '\0' ' ' < /proc/$p/cmdline)
  case "$args" in
    *quarkus-run.jar*) name=$(echo "$args" | sed -E 's#.*/([a-z-]+)/target/quarkus-app/quarkus-run.jar.*#\1#') ;;
    *local-stack-runner.jar*) name="launcher (Kafka, MQTT broker, gateway)" ;;
    *) pg_rss=$((pg_rss + rss)); pg_pss=$((pg_pss + pss)); pg_count=$((pg_count + 1)); continue ;;
  esac
  printf "%-8s %8d %8d  %s\n" "$p" $((rss / 1024)) $((pss / 1024)) "$name"
done
printf "%-8s %8d %8d  %s\n" "" $((pg_rss / 1024)) $((pg_pss / 1024)) "PostgreSQL ($pg_count processes)"
printf "%-8s %8d %8d  %s\n" "" $((total_rss / 1024)) $((total_pss / 1024)) "total (RSS double-counts shared memory; PSS does not)"
