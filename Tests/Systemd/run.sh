#!/usr/bin/env bash
# The installed backtalk service under a real systemd (PID 1 in a throwaway container, see
# ../shared/tools/systemd-sandbox): socket activation, journal, reload, restarts and kill -9 under load,
# watchdog, and the hardening score. Prints one PASS/FAIL line per check, the figures, and
# "N passed, N failed" (", N skipped" with the reason when the sandbox cannot run here).
cd "$(dirname "$0")/../.."
NAME=backtalk-it
SKIPPED=6
source Tests/Systemd/common.sh
ask() { sbx /usr/local/bin/backtalk ask --json "$1"; }

# 0. Hardening: the unit as shipped.
exposure=$(systemd-analyze security --offline=yes --no-pager systemd/backtalk.service 2>/dev/null | tail -n 1)
echo "systemd-analyze security --offline=yes systemd/backtalk.service: $exposure"
if [[ $exposure =~ exposure\ level.*:\ ([0-9.]+) ]] && awk "BEGIN { exit !(${BASH_REMATCH[1]} <= 1.0) }"; then
  ok "hardening exposure ${BASH_REMATCH[1]} <= 1.0"
else
  bad "hardening exposure: $exposure"
fi

[ "$(id -u)" = 0 ] || skip "the systemd sandbox needs root"
[ -x "$SANDBOX" ] || skip "no systemd sandbox at $SANDBOX"

WORK=$(mktemp -d)
trap '"$SANDBOX" down "$NAME" >/dev/null 2>&1; rm -rf "$WORK"' EXIT
make -s install DESTDIR="$WORK/root" PREFIX=/usr/local >/dev/null || { bad "make install"; echo "$pass passed, $fail failed"; exit 1; }
"$SANDBOX" up "$NAME" >/dev/null 2>&1 || skip "systemd did not boot in the sandbox here: $("$SANDBOX" console "$NAME" 2>/dev/null | tail -n 3)"
"$SANDBOX" cp "$NAME" "$WORK/root/usr/local" /usr/local
"$SANDBOX" cp "$NAME" "$WORK/root/etc/backtalk" /etc/backtalk
"$SANDBOX" cp "$NAME" Tests/Systemd/load.py /usr/local/bin/backtalk-load
sbx systemctl daemon-reload
sbx systemctl enable --now backtalk.socket >/dev/null 2>&1

# 1. Socket activation: nothing runs until the first connection, which is answered.
[ "$(prop backtalk.service ActiveState)" = inactive ] && ok "service not started before the first connection" \
  || bad "service started early"
reply=$(ask "how often should I get a massage?")
[[ $reply == *'"intent":"faq.frequency"'* ]] && ok "first connection started the service and was answered" \
  || bad "first connection: $reply"
status=$(prop backtalk.service StatusText)
echo "StatusText: $status"
[[ $status == serving* ]] && ok "systemctl show -p StatusText reports the status line" || bad "StatusText '$status'"

# 2. The journal: the start-up line with its priority and fields, and no question text.
entry=$(sbx journalctl -u backtalk.service -o json --no-pager | grep '"MESSAGE":"knowledge base loaded"' | head -n 1)
if [[ $entry == *'"PRIORITY":"6"'* && $entry == *'"SYSLOG_IDENTIFIER":"backtalkd"'* && $entry == *'"CODE_FILE":'* \
   && $entry == *'"BACKTALK_KNOWLEDGE_SUMMARY":'* ]]; then
  ok "journal: start-up line at PRIORITY=6 with SYSLOG_IDENTIFIER, CODE_FILE and BACKTALK_ fields"
else
  bad "journal start-up entry: ${entry:-none}"
fi
sbx journalctl -u backtalk.service --no-pager -o verbose | grep -qi "how often should" \
  && bad "question text found in the journal" || ok "no question text in the journal"

# 3. Reload under load: a changed knowledge base is served; a broken one is refused and the old one answers.
KB=/usr/local/share/backtalk/knowledge
sbx rm -f /tmp/stop-load
sbx python3 /usr/local/bin/backtalk-load $SOCKET 2 60 /tmp/stop-load > "$WORK/reload-load.json" 2>&1 &
loader=$!
sbx sed -i 's/Hello! I.m backtalk,/Hello again! I am backtalk, reloaded,/' $KB/conversation.yaml
sbx systemctl reload backtalk.service
waitfor "ask hello | grep -q 'Hello again'" && ok "systemctl reload: the changed answer is served" \
  || bad "changed answer not served after reload: $(ask hello)"
echo "broken: true" | sbx sh -c "cat >> $KB/faq.yaml"
sbx systemctl reload backtalk.service
waitfor "sbx journalctl -u backtalk.service --no-pager | grep -q 'reload refused'" \
  && ok "broken knowledge base refused" || bad "no 'reload refused' in the journal"
waitfor "sbx journalctl -u backtalk.service --no-pager | grep -q \"faq.yaml:[0-9]*:1: unknown key 'broken'\"" \
  && ok "journal lists the problem with file:line" || bad "problem not listed in the journal"
ask hello | grep -q 'Hello again' && ok "the previous knowledge base keeps answering" || bad "old answers gone: $(ask hello)"
sbx touch /tmp/stop-load; wait $loader; reload_status=$?
echo "load during reloads: $(cat "$WORK/reload-load.json")"
[ $reload_status = 0 ] && ok "no request failed during the reloads" || bad "requests failed during the reloads"
sbx sed -i '$d' $KB/faq.yaml
sbx systemctl reload backtalk.service

# 4. Restart and kill -9 under load: every request gets exactly one correct reply.
sbx rm -f /tmp/stop-load
sbx python3 /usr/local/bin/backtalk-load $SOCKET 4 120 /tmp/stop-load > "$WORK/restart-load.json" 2>&1 &
loader=$!
sleep 1
pid1=$(prop backtalk.service MainPID)
sbx systemctl restart backtalk.service
sleep 1
pid2=$(prop backtalk.service MainPID)
sbx kill -9 "$pid2"
waitfor "[ \"\$(prop backtalk.service ActiveState)\" = active ] && [ \"\$(prop backtalk.service MainPID)\" != $pid2 ]"
sleep 1
pid3=$(prop backtalk.service MainPID)
sbx touch /tmp/stop-load; wait $loader; load_status=$?
figures=$(cat "$WORK/restart-load.json")
echo "load through restart and kill -9 (PIDs $pid1 -> $pid2 -> $pid3, NRestarts=$(prop backtalk.service NRestarts)): $figures"
[ "$pid1" != "$pid2" ] && [ "$pid2" != "$pid3" ] && [ "$pid3" != 0 ] && ok "restart and kill -9 each gave a new process" \
  || bad "processes: $pid1 -> $pid2 -> $pid3"
[ $load_status = 0 ] && ok "every request sent got exactly one correct reply" || bad "load: $figures"

# 5. Watchdog: a wedged daemon stops petting and systemd restarts it.
sbx mkdir -p /etc/systemd/system/backtalk.service.d
printf '[Service]\nExecStart=\nExecStart=/usr/local/bin/backtalkd --knowledge %s --debug-wedge-on-sigusr2\nWatchdogSec=3s\n' $KB \
  | sbx sh -c 'cat > /etc/systemd/system/backtalk.service.d/wedge.conf'
sbx systemctl daemon-reload
sbx systemctl restart backtalk.service
waitfor "ask hello | grep -q answer"
wedged=$(prop backtalk.service MainPID)
sbx systemctl kill -s USR2 --kill-who=main backtalk.service
start=$(date +%s)
waitfor "sbx journalctl -u backtalk.service --no-pager | grep -q 'Watchdog timeout'" \
  && ok "watchdog timeout after $(( $(date +%s) - start )) s" || bad "no watchdog timeout"
waitfor "[ \"\$(prop backtalk.service MainPID)\" != $wedged ] && ask hello | grep -q answer" \
  && ok "systemd restarted the wedged service and it answers ($wedged -> $(prop backtalk.service MainPID))" \
  || bad "not restarted after the watchdog"

[ "$(sbx systemctl is-system-running)" = running ] || echo "note: sandbox state $(sbx systemctl is-system-running)"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
