#!/bin/bash
# make-voice-pack.sh ESPEAK VOICE SOURCE_INI OUT_DIR
#
# Generates a default voice pack with espeak-ng: one WAV per clip listed in the
# [clips] section of SOURCE_INI (the text in [espeak] instead, where given), plus
# a copy of SOURCE_INI as the pack's manifest. Run by the build (hub/speech/CMakeLists.txt).
# The pack is written to a temporary directory and moved into place at the end, so
# an interrupted build never leaves a half-made pack behind.
set -euo pipefail

espeak=$1 voice=$2 source=$3 out=$4
# Announcements are read a little slower than espeak-ng's default 175 words a minute.
speed=140

declare -A text spoken
order=()
section=
while IFS= read -r line || [ -n "$line" ]; do
  line=${line%%$'\r'}
  case $line in
    ''|'#'*|';'*) continue ;;
    '['*']') section=${line:1:${#line}-2}; continue ;;
  esac
  key=${line%%=*} value=${line#*=}
  key=${key//[[:space:]]/}
  value=${value#"${value%%[![:space:]]*}"}
  case $section in
    clips) text[$key]=$value; order+=("$key") ;;
    espeak) spoken[$key]=$value ;;
  esac
done < "$source"

if [ ${#order[@]} -eq 0 ]; then
  echo "make-voice-pack: no [clips] in $source" >&2
  exit 1
fi
for key in "${!spoken[@]}"; do
  if [ -z "${text[$key]+set}" ]; then
    echo "make-voice-pack: [espeak] $key in $source is not in [clips]" >&2
    exit 1
  fi
done

mkdir -p "$(dirname "$out")"
tmp=$(mktemp -d "${out%/}.tmp.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
for key in "${order[@]}"; do
  "$espeak" -v "$voice" -s "$speed" -w "$tmp/$key.wav" -- "${spoken[$key]:-${text[$key]}}"
done
cp "$source" "$tmp/pack.ini"
rm -rf "$out"
mv "$tmp" "$out"
trap - EXIT
