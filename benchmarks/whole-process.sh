#!/usr/bin/env bash
# Whole-process speed (issue 21): the CLI and a fresh store, each a new process, side by side with
# the native sqlite3 CLI. Runs are alternated (run 1 of every variant, then run 2, ...) so that a
# machine whose speed drifts hurts all variants alike; prints medians of wall time and of CPU time
# (user+sys: less disturbed by other processes on a shared machine) and each median's ratio to the
# first variant of the case (native sqlite3 where the case has it).
#
# Usage: benchmarks/whole-process.sh [-n RUNS] [-c CASES] [-v VARIANTS]
#   CASES    comma-separated: vdbe,select1,help,sqlhelp,version,demo,commits,serve,catchup (default: all)
#   VARIANTS comma-separated: j17,j17-cds,j25,j25-aot (with the archive the launcher picks for the
#            case's command),launcher, or NAME='JAVA FLAGS...' for an
#            experiment (e.g. c1='java -XX:TieredStopAtLevel=1', or old='java -jar OLD.jar' to
#            compare another build); default: every one whose JVM and
#            archive exist. native is added to the cases that have a native counterpart.
# Environment: JAVA17 (default: java), JAVA25 (default: $JAVA_HOME_25_X64/bin/java, else the first JDK 25
#   under /usr/lib/jvm or /opt/java; the j25 variants are left out when there is none),
#   SQLITE3 (default: sqlite3), JAR (default: cli/target/livestore-jvm.jar; its archives beside it).
# The commits case runs dev.livestorejvm.benchmarks.StoreColdMain from benchmarks/target/classes
# (build it with `mvn -B -q -pl benchmarks compile`). serve: `livestore-jvm serve` (sqlite storage),
# from process start until GET /health answers (polled with curl every ~10 ms); its CPU is the
# server's up to then (/proc). catchup: a server (plain `java -jar`, started once) filled with 2,000
# events of another client, then per run a fresh JVM (SyncColdMain) that opens a new file store
# syncing over WebSocket and exits once its head is the 2,000th event.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=5
CASES=vdbe,select1,help,sqlhelp,version,demo,commits,serve,catchup
VARIANTS=
while getopts "n:c:v:" o; do
  case $o in
    n) RUNS=$OPTARG ;;
    c) CASES=$OPTARG ;;
    v) VARIANTS=$OPTARG ;;
    *) sed -n '2,23p' "$0"; exit 2 ;;
  esac
done
JAVA17=${JAVA17:-java}
find_jdk25() {   # the bin/java of an installed JDK 25, or nothing
  local h
  for h in ${JAVA_HOME_25_X64:-} /usr/lib/jvm/* /opt/java/*; do
    [ -x "$h/bin/java" ] && grep -q '^JAVA_VERSION="25' "$h/release" 2>/dev/null && { echo "$h/bin/java"; return; }
  done
}
JAVA25=${JAVA25:-$(find_jdk25)}
SQLITE3=${SQLITE3:-sqlite3}
JAR=${JAR:-cli/target/livestore-jvm.jar}
LAUNCHER=$(dirname "$JAR")/bin/livestore-jvm
CLASSES=benchmarks/target/classes
SCRIPT=benchmarks/whole-process/vdbe.sql
[ -f "$JAR" ] || { echo "no $JAR: build it with mvn -B -q -pl cli package -DskipTests" >&2; exit 2; }
TMP=$(mktemp -d)
SERVER=
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$TMP"' EXIT

# The archives the cli build makes (cli/pom.xml: the training run), named after the JVM that made them;
# @PART stands for the part of the training run (-help, -sql or nothing: the whole run) that the
# launcher picks for the case's command (part_of), filled in per run.
archive() {   # archive JAVA EXT: the archive for that JVM's exact version, if the build made one
  local v
  v=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.vm.version = //p')
  echo "${JAR%.jar}-$v@PART.$2"
}

part_of() {   # part_of CASE: the archive's part cli/src/main/bin/livestore-jvm uses for that case's command
  case $1 in
    help|sqlhelp) echo -help ;;
    select1|vdbe|version) echo -sql ;;
    *) echo ;;
  esac
}

with_part() {   # with_part CASE ARG: ARG with @PART filled in, falling back to the whole run's archive as the launcher does
  local a=${2//@PART/$(part_of "$1")}
  case $a in *=*) [ -f "${a#*=}" ] || a=${2//@PART/} ;; esac
  echo "$a"
}

declare -A CMD
ORDER=()
add() { CMD[$1]=$2; ORDER+=("$1"); }
if [ -z "$VARIANTS" ]; then
  add j17 "$JAVA17"
  a=$(archive "$JAVA17" jsa); [ -f "${a//@PART/}" ] && add j17-cds "$JAVA17 -XX:SharedArchiveFile=$a"
  if [ -x "$JAVA25" ]; then
    add j25 "$JAVA25"
    a=$(archive "$JAVA25" aot); [ -f "${a//@PART/}" ] && add j25-aot "$JAVA25 -XX:AOTCache=$a"
  fi
  [ -x "$LAUNCHER" ] && add launcher LAUNCHER
else
  IFS=, read -ra vs <<< "$VARIANTS"
  for v in "${vs[@]}"; do
    case $v in
      j17) add j17 "$JAVA17" ;;
      j17-cds) add j17-cds "$JAVA17 -XX:SharedArchiveFile=$(archive "$JAVA17" jsa)" ;;
      j25|j25-aot) [ -x "$JAVA25" ] || { echo "no JDK 25 (set JAVA25=.../bin/java): $v left out" >&2; continue; } ;;&
      j25) add j25 "$JAVA25" ;;
      j25-aot) add j25-aot "$JAVA25 -XX:AOTCache=$(archive "$JAVA25" aot)" ;;
      launcher) add launcher LAUNCHER ;;
      *=*) add "${v%%=*}" "${v#*=}" ;;
      *) echo "unknown variant $v" >&2; exit 2 ;;
    esac
  done
fi

# run CASE VARIANT RUN: runs once, appends "wall cpu" (seconds) to $TMP/CASE.VARIANT
run() {
  local case=$1 variant=$2 i=$3 in=/dev/null cmd
  local -a args
  case $case in
    vdbe) in=$SCRIPT; args=(sql) ;;
    select1) args=(sql "select 1") ;;
    help) args=(--help) ;;
    sqlhelp) args=(sql --help) ;;
    version) args=(version) ;;
    serve) args=(serve --port "$(free_port)" --storage "sqlite:$TMP/serve-$variant-$i") ;;
    catchup) args=(catchup "ws://127.0.0.1:$CATCHUP_PORT" "catchup" "$TMP/client-$variant-$i" 2000) ;;
    demo) args=(demo --dir "$TMP/demo-$variant-$i") ;;
    commits) args=("$TMP/store-$variant-$i" 10000) ;;
  esac
  if [ "$variant" = native ]; then
    case $case in
      vdbe) cmd=("$SQLITE3") ;;
      select1) cmd=("$SQLITE3" :memory: "select 1") ;;
      help|version) cmd=("$SQLITE3" -version) ;;   # -help exits 1; as cheap a process
    esac
  elif [ "${CMD[$variant]}" = LAUNCHER ]; then
    case $case in commits|catchup) return 0 ;; esac   # the launcher runs the CLI only
    cmd=("$LAUNCHER" "${args[@]}")
  else
    read -ra cmd <<< "${CMD[$variant]}"
    local k
    for k in "${!cmd[@]}"; do cmd[k]=$(with_part "$case" "${cmd[k]}"); done
    local jar=$JAR n=${#cmd[@]}
    # a variant may name its own jar (an older build, for an A/B): "... -jar OTHER.jar"
    if [ "$n" -ge 2 ] && [ "${cmd[n-2]}" = -jar ]; then jar=${cmd[n-1]}; cmd=("${cmd[@]:0:n-2}"); fi
    if [ "$case" = commits ]; then
      cmd+=(-cp "$jar:$CLASSES" dev.livestorejvm.benchmarks.StoreColdMain "${args[@]}")
    elif [ "$case" = catchup ]; then
      cmd+=(-cp "$jar:$CLASSES" dev.livestorejvm.benchmarks.SyncColdMain "${args[@]}")
    else
      cmd+=(-jar "$jar" "${args[@]}")
    fi
  fi
  if [ "$case" = serve ]; then time_server "$case" "$variant" "${cmd[@]}"; return; fi
  local TIMEFORMAT="%R %U %S" t
  { t=$( { time "${cmd[@]}" < "$in" > "$TMP/out" 2> "$TMP/err"; } 2>&1 ); } || {
    echo "failed: ${cmd[*]}" >&2; cat "$TMP/err" >&2; exit 1; }
  case $case in commits|catchup) echo "  $variant: $(cat "$TMP/out")" ;; esac
  echo "$t" | awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' >> "$TMP/$case.$variant"
}

free_port() {   # a TCP port nothing listens on now
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

await_health() {   # await_health PORT PID: polls GET /health until it answers; fails when PID dies or after 60 s
  local n=0
  until curl -sf -o /dev/null "http://127.0.0.1:$1/health"; do
    kill -0 "$2" 2>/dev/null || return 1
    n=$((n + 1)); [ "$n" -lt 6000 ] || return 1
    sleep 0.01
  done
}

# time_server CASE VARIANT CMD...: starts the server, appends "wall cpu" until /health answers, stops it
time_server() {
  local case=$1 variant=$2 port pid t0 t1 cpu
  shift 2
  port=${*: -3:1}
  t0=$(date +%s%N)
  "$@" > "$TMP/out" 2> "$TMP/err" &
  pid=$!
  await_health "$port" "$pid" || { echo "failed: $*" >&2; cat "$TMP/err" >&2; exit 1; }
  t1=$(date +%s%N)
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$pid/stat")
  kill -TERM "$pid"; wait "$pid" || true
  echo "$t0 $t1 $cpu" | awk '{ printf "%.3f %.3f\n", ($2 - $1) / 1e9, $3 }' >> "$TMP/$case.$variant"
}

# The catchup case's server: started once, filled with 2,000 events of another client.
start_catchup_server() {
  CATCHUP_PORT=$(free_port)
  $JAVA17 -jar "$JAR" serve --port "$CATCHUP_PORT" --storage "sqlite:$TMP/catchup-server" > "$TMP/server.out" 2>&1 &
  SERVER=$!
  await_health "$CATCHUP_PORT" "$SERVER" || { echo "the catchup server did not start" >&2; cat "$TMP/server.out" >&2; exit 1; }
  $JAVA17 -cp "$JAR:$CLASSES" dev.livestorejvm.benchmarks.SyncColdMain fill "ws://127.0.0.1:$CATCHUP_PORT" catchup 2000 > /dev/null
}

median() {   # median COLUMN FILE
  awk -v c="$1" '{ print $c }' "$2" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

echo "# $(date -u +%FT%TZ) $(nproc) cpus, load $(cut -d' ' -f1-3 /proc/loadavg); $RUNS alternated runs; jar $JAR"
for v in "${ORDER[@]}"; do echo "#   $v: ${CMD[$v]}"; done
IFS=, read -ra cs <<< "$CASES"
for case in "${cs[@]}"; do
  variants=()
  case $case in vdbe|select1|help|version) command -v "$SQLITE3" > /dev/null && variants+=(native) ;; esac
  variants+=("${ORDER[@]}")
  echo "## $case"
  [ "$case" = catchup ] && [ -z "$SERVER" ] && start_catchup_server
  for ((i = 1; i <= RUNS; i++)); do
    for v in "${variants[@]}"; do run "$case" "$v" "$i"; done
  done
  base=
  for v in "${variants[@]}"; do
    f=$TMP/$case.$v
    [ -f "$f" ] || continue
    w=$(median 1 "$f"); c=$(median 2 "$f")
    [ -z "$base" ] && base="$w $c"
    read -r bw bc <<< "$base"
    printf "%-10s wall %7.3f s (%5.2fx)  cpu %7.3f s (%5.2fx)  runs: %s\n" "$v" "$w" "$(echo "$w $bw" | awk '{ print $1 / $2 }')" \
      "$c" "$(echo "$c $bc" | awk '{ print $1 / $2 }')" "$(awk '{ printf "%s ", $1 }' "$f")"
  done
done
