#!/usr/bin/env bash
# Prints each failed test of the given .trx files with the first lines of its message, so that the
# end of a CI log (often all a reader gets) names what failed instead of only counting it.
set -uo pipefail
for trx in "$@"; do
  [ -f "$trx" ] || continue
  awk '
    /<UnitTestResult / { name = ""; failed = 0
      if (match($0, /testName="[^"]*"/)) name = substr($0, RSTART + 10, RLENGTH - 11)
      if ($0 ~ /outcome="Failed"/) { failed = 1; print "FAILED " name } }
    failed && /<Message>/ { inmsg = 1; lines = 0; sub(/.*<Message>/, "") }
    failed && inmsg {
      done = sub(/<\/Message>.*/, "")
      if (lines < 6) print "    " $0
      lines++
      if (done) { inmsg = 0; failed = 0 } }
  ' "$trx" | sed -e 's/&quot;/"/g' -e 's/&lt;/</g' -e 's/&gt;/>/g' -e "s/&apos;/'/g" -e 's/&amp;/\&/g'
done
