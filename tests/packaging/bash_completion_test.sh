#!/usr/bin/env bash
# The package's bash completion (debian/bash-completion/clinic-hub) offers
# every command and action 'clinic-hub --help' lists, so a command added to
# the CLI without its completion fails here:
#   bash_completion_test.sh CLINIC_HUB COMPLETION_FILE
set -euo pipefail
CLI=$1 COMPLETION=$2
fail() { echo "FAILED: $*" >&2; exit 1; }
commands=" $(sed -n 's/^ *local commands="\(.*\)"$/\1/p' "$COMPLETION") "
[ "$commands" != "  " ] || fail "no 'local commands=\"...\"' line in $COMPLETION"
# The actions offered after COMMAND: its case branch's compgen -W "..." list.
actions_of() { awk -v c="        $1)" '$0 == c {getline; print; exit}' "$COMPLETION" | sed -n 's/.*compgen -W "\([^"]*\)".*/\1/p'; }
checked=0
while read -r command second _; do
  case " $commands " in *" $command "*) ;; *) fail "'clinic-hub $command' is not completed (add it to 'commands' in $COMPLETION)" ;; esac
  case $command in
    user | audit | sync | retention)
      case " $(actions_of "$command") " in *" $second "*) ;; *) fail "'clinic-hub $command $second' is not completed" ;; esac ;;
  esac
  checked=$((checked + 1))
done < <("$CLI" --help | grep -E '^  [a-z]')
[ $checked -gt 10 ] || fail "read only $checked commands from 'clinic-hub --help'"
echo "passed: $checked commands and actions"
