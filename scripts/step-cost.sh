#!/usr/bin/env bash
# Usage: scripts/step-cost.sh <jar> <enrollments>
# Runs bench on the scratch server's ce_bench database and prints PostgreSQL's own counters over
# the run (pg_stat_wal, pg_stat_statements, pg_stat_user_tables), per step (3 steps per enrollment),
# enrollment and people creation included. Needs the scratch server of ../shared/bench
# (127.0.0.1:55432) restarted with shared_preload_libraries=pg_stat_statements.
set -euo pipefail
JAR=$1; N=$2; PORT=55432
psqlc() { su postgres -c "psql -h 127.0.0.1 -p $PORT -qtAX $*"; }
psqlc "-c 'drop database if exists ce_bench' -c 'create database ce_bench'" >/dev/null
psqlc "-d ce_bench -c 'create extension if not exists pg_stat_statements'" >/dev/null
snap() {
  psqlc "-d ce_bench -c \"select (select wal_records from pg_stat_wal), (select wal_bytes from pg_stat_wal)::bigint,
     (select coalesce(sum(calls),0) from pg_stat_statements s join pg_database d on d.oid = s.dbid where d.datname = 'ce_bench'),
     (select coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del),0) from pg_stat_user_tables),
     (select coalesce(sum((n_tup_ins + n_tup_upd - n_tup_hot_upd) * (select count(*) from pg_index i where i.indrelid = t.relid)),0) from pg_stat_user_tables t)\""
}
psqlc "-d ce_bench -c 'select pg_stat_statements_reset()'" >/dev/null
before=$(snap)
java -jar "$JAR" bench --enrollments "$N" --idle-probes 0 --database-url "jdbc:postgresql://127.0.0.1:$PORT/ce_bench?user=postgres" > /tmp/stepcost-bench.log 2>&1
grep -E "phase|steady|JSON|^\{" /tmp/stepcost-bench.log || true
sleep 2
after=$(snap)
python3 - "$before" "$after" "$N" <<'PY'
import sys
b=[int(x) for x in sys.argv[1].split('|')]; a=[int(x) for x in sys.argv[2].split('|')]; n=int(sys.argv[3])*3
d=[y-x for x,y in zip(b,a)]
names=["WAL records","WAL bytes","statements","heap tuples written","index entries (upper bound)"]
for k,v in zip(names,d): print(f"{k:28s} {v:>14,d}  {v/n:10.2f} per step")
PY
