#!/bin/sh
# Interrupts `donum eval -o` while it writes its output and checks that nothing is left:
# no temporary file (*.tmp-*), no partial output, and that donum ended by the signal itself
# (its default action, re-raised after the clean-up).
#
#   interrupt.sh DONUM HOSTILE_TOOL DIR SIGNAL     (SIGNAL: INT, TERM or HUP)
#
# The output is a million rows: donum writes it for a fraction of a second. As soon as its
# temporary file appears, donum is stopped (SIGSTOP), sent SIGNAL and continued, so that
# the signal always lands while the temporary file exists, however fast the machine.
set -u
donum=$1 tool=$2 dir=$3 signal=$4
rm -rf "$dir"
mkdir -p "$dir"
"$tool" write large_population "$dir" || { echo "hostile_tool failed"; exit 1; }

leftovers() {
    for f in "$dir"/*.tmp-*; do
        [ -e "$f" ] && echo "$f"
    done
}

attempt=1
while [ $attempt -le 5 ]; do
    rm -f "$dir/out.csv"
    "$tool" run "$donum" eval --format csv -o "$dir/out.csv" "$dir/rules.donum" "$dir/data.csv" 2>"$dir/stderr" &
    pid=$!
    seen=""
    polls=0
    while kill -0 "$pid" 2>/dev/null; do
        if [ -n "$(leftovers)" ]; then
            kill -s STOP "$pid" 2>/dev/null
            # Still there once stopped: the signal lands while it exists.
            if [ -n "$(leftovers)" ]; then
                seen=yes
                kill -s "$signal" "$pid"
            fi
            kill -s CONT "$pid" 2>/dev/null
            break
        fi
        polls=$((polls + 1))
        if [ $polls -gt 60000 ]; then
            kill -s KILL "$pid"
            echo "donum ran for more than 10 minutes"
            exit 1
        fi
        sleep 0.01
    done
    wait "$pid"
    code=$?
    if [ -z "$seen" ]; then
        # donum finished before its temporary file was caught: try again.
        echo "attempt $attempt: the temporary file was not caught (exit $code)"
        attempt=$((attempt + 1))
        continue
    fi
    case $signal in
        HUP) number=1 ;;
        INT) number=2 ;;
        TERM) number=15 ;;
        *) echo "unknown signal $signal"; exit 2 ;;
    esac
    expected=$((128 + number))
    status=0
    if [ "$code" -ne "$expected" ]; then
        echo "exit status $code, expected $expected (ended by SIG$signal)"
        cat "$dir/stderr"
        status=1
    fi
    left=$(leftovers)
    if [ -n "$left" ]; then
        echo "temporary files left after SIG$signal: $left"
        status=1
    fi
    if [ -e "$dir/out.csv" ]; then
        echo "a partial output was left after SIG$signal"
        status=1
    fi
    [ $status -eq 0 ] && echo "SIG$signal: donum ended by the signal, nothing left" && rm -rf "$dir"
    exit $status
done
echo "the temporary file was never caught in 5 attempts"
exit 1
